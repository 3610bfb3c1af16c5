namespace Peepshow.Core.Transcription;

/// <summary>
/// The ggml models whisper.cpp publishes on Hugging Face (<c>ggerganov/whisper.cpp</c>), with the byte count and
/// SHA-256 of each file as its Git LFS metadata states them. A download of one of these must match both, so a
/// cut, corrupted or substituted file is never installed. Models not listed here (quantized variants, a mirror's
/// own conversions) are checked by length and ggml magic only (docs/transcription.md).
/// </summary>
public static class KnownWhisperModels
{
    public static readonly IReadOnlyDictionary<string, KnownWhisperModel> All = new KnownWhisperModel[]
    {
        new("tiny", 77_691_713, "be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21"),
        new("tiny.en", 77_704_715, "921e4cf8686fdd993dcd081a5da5b6c365bfde1162e72b08d75ac75289920b1f"),
        new("base", 147_951_465, "60ed5bc3dd14eea856493d334349b405782ddcaf0028d4b5df4088345fba2efe"),
        new("base.en", 147_964_211, "a03779c86df3323075f5e796cb2ce5029f00ec8869eee3fdfb897afe36c6d002"),
        new("small", 487_601_967, "1be3a9b2063867b937e64e2ec7483364a79917e157fa98c5d94b5c1fffea987b"),
        new("small.en", 487_614_201, "c6138d6d58ecc8322097e0f987c32f1be8bb0a18532a3f88f734d1bbf9c41e5d"),
        new("medium", 1_533_763_059, "6c14d5adee5f86394037b4e4e8b59f1673b6cee10e3cf0b11bbdbee79c156208"),
        new("medium.en", 1_533_774_781, "cc37e93478338ec7700281a7ac30a10128929eb8f427dda2e865faa8f6da4356"),
        new("large-v3", 3_095_033_483, "64d182b440b98d5203c4f9bd541544d84c605196c4f7b845dfa11fb23594d1e2"),
        new("large-v3-turbo", 1_624_555_275, "1fc70f774d38eb169993ac391eea357ef47c88757ef72ee5943879b7e8e2bc69"),
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);
}
