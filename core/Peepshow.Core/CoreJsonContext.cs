using System.Text.Json.Serialization;
using Peepshow.Core.AutoSinks;
using Peepshow.Core.Outbox;
using Peepshow.Core.Transcription;

namespace Peepshow.Core;

/// <summary>
/// The one source-generated JSON context of Peepshow.Core: Claude Code hook input and output, yt-dlp's info line, ffprobe output, manifest,
/// run history, sinks.json, outbox entries, transcription provider responses. The payload itself uses ProtocolJsonContext.
/// Add a [JsonSerializable] line per root type; keep them sorted by area.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true)]
[JsonSerializable(typeof(Dictionary<string, string>))]
// Agents: Claude Code's hook input and output.
[JsonSerializable(typeof(Peepshow.Core.Agents.UserPromptHookInput))]
[JsonSerializable(typeof(Peepshow.Core.Agents.HookOutput))]
// .env trust record
[JsonSerializable(typeof(Peepshow.Core.EnvFiles.EnvTrustFile))]
// Inputs: what yt-dlp prints about a downloaded page.
[JsonSerializable(typeof(Peepshow.Core.Inputs.YtDlpInfo))]
// Media
[JsonSerializable(typeof(Peepshow.Core.Media.FfprobeOutput))]
// History: runs.jsonl lines.
[JsonSerializable(typeof(Peepshow.Core.History.RunRecord))]
// Runs
[JsonSerializable(typeof(Peepshow.Core.Runs.ManifestFacts))]
// Sinks: sinks.json, outbox entries (manifest sinks[] comes with ManifestFacts).
[JsonSerializable(typeof(AutoSinksFile))]
[JsonSerializable(typeof(OutboxEntry))]
// Transcription: whisper-cli -oj output, OpenAI-compatible answers, custom command output.
[JsonSerializable(typeof(WhisperCppJson))]
[JsonSerializable(typeof(OpenAiTranscriptionJson))]
[JsonSerializable(typeof(OpenAiErrorJson))]
[JsonSerializable(typeof(CustomTranscriptJson))]
public sealed partial class CoreJsonContext : JsonSerializerContext;
