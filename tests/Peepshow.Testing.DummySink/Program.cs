using System.Collections;
using Peepshow.Protocol.Hosting;

// Every behaviour is chosen by the spec through env vars, so one binary covers success, failure,
// noisy stderr and leaked secrets without a build per scenario.
var sink = new SinkDefinition<DummyConfig>(
    new SinkInfo("dummy", "a test sink whose behaviour is chosen by env vars", [
        new EnvVarDoc("DUMMY_SINK_EXIT", "exit code to finish with", Default: "0"),
        new EnvVarDoc("DUMMY_SINK_RECORD_DIR", "folder to write stdin.json, args.txt and env.txt into"),
        new EnvVarDoc("DUMMY_SINK_LINE", "success line to print", Default: "dummy: received run <run_id>"),
        new EnvVarDoc("DUMMY_SINK_STDERR_BYTES", "bytes of noise to write to stderr first", Default: "0"),
        new EnvVarDoc("DUMMY_SINK_SECRET", "a secret the sink prints, to prove redaction", Secret: true),
    ]),
    env => new DummyConfig(
        ExitCode: int.TryParse(env.Get("DUMMY_SINK_EXIT"), out var code) ? code : 0,
        RecordDir: env.Get("DUMMY_SINK_RECORD_DIR"),
        Line: env.Get("DUMMY_SINK_LINE"),
        StderrBytes: int.TryParse(env.Get("DUMMY_SINK_STDERR_BYTES"), out var noise) ? noise : 0,
        Secret: env.Get("DUMMY_SINK_SECRET")),
    async (run, ct) =>
    {
        var config = run.Config;
        if (config.RecordDir is { } dir)
        {
            Directory.CreateDirectory(dir);
            await File.WriteAllBytesAsync(Path.Combine(dir, "stdin.json"), run.RawPayload.ToArray(), ct);
            await File.WriteAllLinesAsync(Path.Combine(dir, "args.txt"), run.Arguments, ct);
            var env = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                .Select(e => $"{e.Key}={e.Value}")
                .Where(e => e.StartsWith("PEEPSHOW_", StringComparison.Ordinal) || e.StartsWith("DUMMY_", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
            await File.WriteAllLinesAsync(Path.Combine(dir, "env.txt"), env, ct);
        }

        if (config.Secret is { } secret)
            run.Error.WriteLine($"using secret {secret}");

        if (config.StderrBytes > 0)
        {
            var line = new string('x', 1023);
            for (var written = 0; written < config.StderrBytes; written += 1024)
                run.Error.WriteLine(line);
        }

        if (run.DryRun)
            return "dummy: dry run, nothing recorded";

        if (config.ExitCode != 0)
            throw new SinkException(config.ExitCode, $"failing on purpose with exit {config.ExitCode} (DUMMY_SINK_EXIT)");

        var runId = Peepshow.Protocol.Rows.StandardRowMapper.RunIdOf(run.Payload);
        return (config.Line ?? "dummy: received run <run_id>").Replace("<run_id>", runId, StringComparison.Ordinal);
    });

return await SinkApp.RunAsync(args, sink);
