using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Peepshow.Core;
using Peepshow.Core.EnvFiles;
using Peepshow.Core.Extraction;
using Peepshow.Core.History;
using Peepshow.Core.Inputs;
using Peepshow.Core.Media;
using Peepshow.Core.Output;
using Peepshow.Core.Processes;
using Peepshow.Core.Runs;
using Peepshow.Core.Transcription;
using Peepshow.Protocol;

namespace Peepshow.Cli.Mcp;

/// <summary>
/// <c>peepshow mcp</c>: the Model Context Protocol server. Its tools run the same extraction as the CLI (the run is
/// composed by <see cref="RunComposition"/>) and read the run history. Every failure of a call is a tool result with
/// <c>isError</c> and the CLI's own message, so the server outlives any bad call; stdout carries only the protocol,
/// everything else goes to <paramref name="log"/> (stderr).
/// </summary>
public sealed class PeepshowMcpServer(EnvironmentVariables environment, string workingDirectory, TextWriter log)
{
    public const string Name = "peepshow";

    public McpServerOptions CreateOptions() => new()
    {
        ServerInfo = new Implementation { Name = Name, Title = "peepshow", Version = ExtractionRun.PeepshowVersion },
        ServerInstructions =
            "When the user refers to a video or an animated image (a file path or a URL), call watch_video to see its key frames " +
            "and hear what is said; use start/end to look closer at a part, and list_runs/get_run to revisit earlier runs.",
        Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
        Handlers = new McpServerHandlers
        {
            ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = McpTools.All }),
            CallToolHandler = CallToolAsync,
        },
    };

    /// <summary>Serves until the client closes the transport or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(ITransport transport, CancellationToken cancellationToken)
    {
        await using var server = McpServer.Create(transport, CreateOptions());
        await server.RunAsync(cancellationToken);
    }

    private async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name;
        var arguments = new ToolArguments(name ?? "tool", request.Params?.Arguments);
        try
        {
            return name switch
            {
                McpTools.WatchVideo => await WatchVideoAsync(arguments, request, cancellationToken),
                McpTools.ListRuns => ListRuns(arguments),
                McpTools.GetRun => await GetRunAsync(arguments, cancellationToken),
                _ => throw new McpProtocolException(
                    $"unknown tool '{name}'; peepshow has {McpTools.WatchVideo}, {McpTools.ListRuns} and {McpTools.GetRun}", McpErrorCode.InvalidParams),
            };
        }
        catch (ToolArgumentException ex)
        {
            return Failed([$"peepshow: {ex.Message}"]);
        }
        catch (PeepshowException ex) when (ex.ExitCode == ExitCodes.Interrupted && cancellationToken.IsCancellationRequested)
        {
            // The run turns cancellation into its own "interrupted" failure; to the client it is a cancelled call.
            await log.WriteLineAsync($"peepshow mcp: {name} cancelled by the client ({ex.Message})");
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
        }
        catch (PeepshowException ex)
        {
            return Failed(FailureText.Lines(ex, environment.Get));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await log.WriteLineAsync($"peepshow mcp: {name} cancelled by the client; the partial run was removed");
            throw;
        }
        catch (Exception ex) when (ex is not McpProtocolException)
        {
            return Failed(FailureText.Unexpected(ex, environment.Get));
        }
    }

    private CallToolResult Failed(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
            log.WriteLine(line);
        return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = string.Join('\n', lines) }] };
    }

    private async Task<CallToolResult> WatchVideoAsync(ToolArguments arguments, RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        arguments.AllowOnly("input", "start", "end", "max_frames", "transcribe", "deliver", "sheet");
        var input = arguments.RequiredString("input", "a path or an http(s) URL of a video");
        if (input == "-")
            throw arguments.Error("input '-' (stdin) is not available here: stdin carries the MCP protocol; give a path or a URL");
        var start = arguments.Time("start");
        var end = arguments.Time("end");
        if (start is { } s && end is { } e && e <= s)
            throw arguments.Error($"end ({ToolArguments.Number(e)}s) must be after start ({ToolArguments.Number(s)}s)");
        var maxFrames = arguments.Int("max_frames", McpTools.DefaultMaxFrames, 1, 10_000);
        var (transcribe, provider) = arguments.BoolOrChoice("transcribe", [.. TranscriberSelector.ProviderNames, TranscriberSelector.Off]);
        var deliver = arguments.Bool("deliver", true);
        var sheet = arguments.Bool("sheet", false);

        var runRequest = new RunRequest
        {
            Input = input,
            Selection = new SelectionOptions { Max = maxFrames, Min = Math.Min(SelectionOptions.DefaultMin, maxFrames) },
            Width = FrameImages.MaxWidth,
            Format = "jpg",
            Start = start,
            End = end,
            ContactSheet = sheet,
            CommandLine = CommandLine(input, start, end, maxFrames, transcribe, provider, deliver, sheet),
        };

        var progress = request.Params?.ProgressToken is { } token ? new McpRunProgress(request.Server, token, log) : null;
        // The server's folder may hold an allowed .env: read it per call, as a CLI run would, so a changed or
        // revoked file takes effect without restarting the server.
        var envFile = EnvFileLayer.Load(environment, workingDirectory);
        envFile.WriteHint(log);
        envFile.EnsureNoBorrowedCredentials();
        var services = new RunServices { Stdin = StdinSource.None, Environment = envFile.Environment, WorkingDirectory = workingDirectory, Progress = progress }
            .WithTraceFromEnvironment(log)
            .WithAudio(provider, noTranscribe: transcribe == false, modelDownloadProgress: log)
            .WithSinks([], autoSinks: deliver, log)
            .WithHistory(RunRecord.OriginMcp);

        RunResult result;
        try
        {
            result = await new ExtractionRun(services).RunAsync(runRequest, cancellationToken);
        }
        finally
        {
            if (progress is not null)
                await progress.CompleteAsync();
        }

        var payload = result.Payload;
        // When the sheet could not be drawn (the run's notes say why), the frames come one by one as usual.
        var sheetPath = Path.Combine(payload.OutputDir, ContactSheet.FileName);
        var content = sheet && File.Exists(sheetPath)
            ? await RunContent.SheetAsync(payload, sheetPath)
            : await RunContent.FramesAsync(payload, wanted: null, path => FrameImages.LoadAsync(path, Ffmpeg, cancellationToken));
        var record = RunRecord.From(payload, result.ManifestPath, result.Sinks, RunRecord.OriginMcp);
        content.Add(RunContent.Summary(payload, result.ManifestPath, deliver ? record.Sinks : null, result.Hints));
        await log.WriteLineAsync($"peepshow mcp: {McpTools.WatchVideo} {record.Input}: {payload.Frames.Count} frames, run {payload.RunId}");
        return new CallToolResult { Content = content, StructuredContent = RunContent.Structured(payload) };
    }

    private CallToolResult ListRuns(ToolArguments arguments)
    {
        arguments.AllowOnly("limit");
        var limit = arguments.Int("limit", McpTools.DefaultListLimit, 1, 1000);
        var history = RunHistory.FromEnvironment(environment.Get, workingDirectory);
        var reading = history.Read();
        var recent = reading.Entries.AsEnumerable().Reverse().Take(limit).ToList();

        var text = new StringBuilder();
        text.Append(recent.Count == 0 ? "no runs yet in " : $"{recent.Count} of {reading.Entries.Count} runs, newest first, from ").Append(history.Path);
        if (reading.UnreadableLines > 0)
            text.Append($" ({reading.UnreadableLines} unreadable line{(reading.UnreadableLines == 1 ? "" : "s")} skipped)");
        var runs = new JsonArray();
        foreach (var entry in recent)
        {
            var run = entry.Record;
            text.Append('\n').Append(run.RunId).Append("  ").Append(RunContent.When(run.CreatedAt)).Append("  ")
                .Append(run.Frames).Append(run.Frames == 1 ? " frame" : " frames");
            if (run.DurationSeconds is { } d)
                text.Append("  ").Append(RunOutput.Duration(d));
            if (run.Title is { Length: > 0 } title)
                text.Append("  \"").Append(FailureText.OneLine(title)).Append('"');
            text.Append("  ").Append(run.Input);
            if (entry.Missing)
                text.Append("  [missing: ").Append(run.RunFolder).Append(" was deleted or moved]");

            var node = JsonSerializer.SerializeToNode(run, CoreJsonContext.Default.RunRecord)!.AsObject();
            node["missing"] = entry.Missing;
            runs.Add((JsonNode)node);
        }
        var structured = new JsonObject
        {
            ["history"] = history.Path,
            ["unreadableLines"] = reading.UnreadableLines,
            ["runs"] = runs,
        };
        using var document = JsonDocument.Parse(structured.ToJsonString());
        return new CallToolResult { Content = [new TextContentBlock { Text = text.ToString() }], StructuredContent = document.RootElement.Clone() };
    }

    private async Task<CallToolResult> GetRunAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        arguments.AllowOnly("run_id", "frames", "sheet");
        var runId = arguments.RequiredString("run_id", "a run id from list_runs or watch_video");
        var wanted = arguments.Indexes("frames");
        var sheet = arguments.Bool("sheet", false);
        if (sheet && wanted is not null)
            throw arguments.Error("frames and sheet do not go together: the sheet shows every frame; ask for one or the other");

        var history = RunHistory.FromEnvironment(environment.Get, workingDirectory);
        var entry = history.Find(runId) ?? throw new PeepshowException(ExitCodes.BadArguments, $"no run {runId} in the run history {history.Path}")
        {
            Hint = "list_runs shows the runs peepshow knows",
        };
        if (entry.Missing)
        {
            throw new PeepshowException(ExitCodes.InputUnresolvable,
                $"run {runId} is missing: {entry.Record.Manifest} no longer exists (its folder was deleted or moved)");
        }
        var read = ProtocolJson.Read(await File.ReadAllBytesAsync(entry.Record.Manifest, cancellationToken));
        if (!read.IsOk)
            throw new PeepshowException(ExitCodes.InputUnresolvable, $"{entry.Record.Manifest} is not a readable run manifest: {read.Error}");
        var payload = read.Payload!;

        var count = payload.Frames.Count;
        if (wanted?.FirstOrDefault(i => i > count) is > 0 and var outside)
            throw arguments.Error($"frames: run {runId} has {count} frame{(count == 1 ? "" : "s")}, so there is no frame {outside}");

        // Like runs show --emit sheet: a run made without a sheet gets its contact.jpg now, once.
        var content = sheet
            ? await RunContent.SheetAsync(payload, await ContactSheet.EnsureAsync(Ffmpeg(), payload, cancellationToken))
            : await RunContent.FramesAsync(payload, wanted, path => FrameImages.LoadAsync(path, Ffmpeg, cancellationToken));
        content.Add(RunContent.Summary(payload, entry.Record.Manifest, entry.Record.Sinks, []));
        return new CallToolResult { Content = content, StructuredContent = RunContent.Structured(payload) };
    }

    private FfmpegInstallation Ffmpeg() => FfmpegLocator.Locate(environment.Get, workingDirectory);

    /// <summary>What manifest.json records as the command: the tool call in the CLI's words.</summary>
    private static List<string> CommandLine(string input, double? start, double? end, int maxFrames, bool? transcribe, string? provider, bool deliver, bool sheet)
    {
        List<string> line = ["mcp", McpTools.WatchVideo, input, "--max", maxFrames.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--width", FrameImages.MaxWidth.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (start is { } s)
            line.AddRange(["--start", ToolArguments.Number(s)]);
        if (end is { } e)
            line.AddRange(["--end", ToolArguments.Number(e)]);
        if (transcribe == false)
            line.Add("--no-transcribe");
        if (provider is not null)
            line.AddRange(["--transcribe", provider]);
        if (!deliver)
            line.Add("--no-auto-sinks");
        if (sheet)
            line.AddRange(["--emit", "sheet"]);
        return line;
    }
}
