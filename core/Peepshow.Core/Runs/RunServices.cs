using Peepshow.Core.History;
using Peepshow.Core.Inputs;
using Peepshow.Core.Processes;

namespace Peepshow.Core.Runs;

/// <summary>The services a run uses. Everything has a working default; specs and other features swap parts.</summary>
public sealed record RunServices
{
    /// <summary>Extracts the audio and its transcript alongside the frames; null leaves the payload without <c>audio</c>.</summary>
    public IAudioStage? Audio { get; init; }

    /// <summary>Delivers the payload to the run's sinks; null delivers nowhere.</summary>
    public IDeliveryStage? Sinks { get; init; }

    public IRunProgress? Progress { get; init; }

    /// <summary>Where a finished run is recorded; null (specs, library use) records nothing.</summary>
    public RunHistory? History { get; init; }

    /// <summary>Who runs it, for the history: <see cref="RunRecord.OriginCli"/> or <see cref="RunRecord.OriginMcp"/>.</summary>
    public string Origin { get; init; } = RunRecord.OriginCli;

    public StdinSource Stdin { get; init; } = StdinSource.Console;

    /// <summary>What the run reads its settings from and hands to the processes it starts (sinks, a transcriber command).</summary>
    public EnvironmentVariables Environment { get; init; } = EnvironmentVariables.Process;

    /// <summary>Where relative paths (the input, <c>--output</c>) start from: the folder peepshow was started in.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Receives one line per selection decision when set (the CLI sets it for <c>PEEPSHOW_TRACE_SELECTION=1</c>).</summary>
    public Action<string>? Trace { get; init; }
}
