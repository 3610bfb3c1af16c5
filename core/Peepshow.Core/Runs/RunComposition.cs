using Peepshow.Core.Audio;
using Peepshow.Core.History;
using Peepshow.Core.Sinks;
using Peepshow.Core.Transcription;

namespace Peepshow.Core.Runs;

/// <summary>
/// How a front end puts a run together from the user's choices: the CLI's extraction command and the MCP server
/// both build their <see cref="RunServices"/> here, so a run from either does the same thing.
/// </summary>
public static class RunComposition
{
    public const string TraceEnv = "PEEPSHOW_TRACE_SELECTION";

    /// <summary>One stderr line per selection decision when <c>PEEPSHOW_TRACE_SELECTION=1</c>.</summary>
    public static RunServices WithTraceFromEnvironment(this RunServices services, TextWriter stderr) =>
        services.Environment.Get(TraceEnv) is "1" or "true"
            ? services with { Trace = line => stderr.WriteLine($"peepshow: trace: {line}") }
            : services;

    /// <summary>
    /// The audio pass, with the transcriber chosen once from <paramref name="transcribe"/> (a provider name, or
    /// null for <c>PEEPSHOW_TRANSCRIBE</c>, else automatic) and the environment.
    /// </summary>
    /// <param name="modelDownloadProgress">Where a first-use model download reports, or null for nowhere.</param>
    public static RunServices WithAudio(this RunServices services, string? transcribe, bool noTranscribe, TextWriter? modelDownloadProgress)
    {
        var settings = TranscriptionSettings.FromEnvironment(services.Environment.Get, services.WorkingDirectory) with
        {
            Progress = modelDownloadProgress,
            EnvironmentChanges = services.Environment.Changes,
        };
        var choice = TranscriberSelector.Choose(transcribe, noTranscribe, settings);
        return services with { Audio = new AudioStage(choice, services.Environment.Get) };
    }

    /// <summary>The run's sinks: <paramref name="explicitSinks"/> in order, then the auto-sinks unless turned off; success lines go to <paramref name="stderr"/>.</summary>
    public static RunServices WithSinks(this RunServices services, IReadOnlyList<SinkSpec> explicitSinks, bool autoSinks, TextWriter stderr) =>
        services with { Sinks = new DeliveryStage(explicitSinks, autoSinks, stderr, services.Environment, services.WorkingDirectory) };

    /// <summary>Records the finished run in <c>PEEPSHOW_HOME/runs.jsonl</c>.</summary>
    public static RunServices WithHistory(this RunServices services, string origin) =>
        services with { History = RunHistory.FromEnvironment(services.Environment.Get, services.WorkingDirectory), Origin = origin };
}
