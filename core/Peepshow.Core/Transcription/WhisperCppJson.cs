namespace Peepshow.Core.Transcription;

/// <summary>
/// The JSON file <c>whisper-cli -oj</c> writes (examples/cli/cli.cpp, <c>output_json</c>):
/// <c>{"systeminfo", "model":{...}, "params":{...}, "result":{"language"}, "transcription":[{"timestamps":{"from","to"}, "offsets":{"from","to"}, "text"}]}</c>
/// with offsets in milliseconds.
/// </summary>
public sealed record WhisperCppJson
{
    public WhisperCppResult? Result { get; init; }

    public IReadOnlyList<WhisperCppSegment>? Transcription { get; init; }
}
