using System.CommandLine;
using Peepshow.Core;
using Peepshow.Core.Sinks;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow sinks retry [&lt;id&gt;|--all]</c>: replays outbox entries, removing each only when its sink succeeds.</summary>
public static class SinksRetryCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string?>("id")
        {
            Description = "Outbox entry id from `peepshow sinks pending` (a unique prefix is enough)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var all = new Option<bool>("--all") { Description = "Replay every pending entry, oldest first" };
        var noEnvFile = EnvFileOption.Create();
        var command = new Command("retry", """
            Replay pending deliveries: the exact payload, the same sink, the current environment (fix the
            sink's config first). An entry is removed only when its sink succeeds; otherwise it stays and its
            attempt count rises. Exits 0 when nothing is left undelivered, 7 when something still is.
            """) { id, all, noEnvFile }.With(
            "peepshow sinks retry --all",
            "peepshow sinks retry 20261120T235959123-k3x9q2");
        command.SetAction(async (parse, ct) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var one = parse.GetValue(id);
            var everything = parse.GetValue(all);
            if ((one is null) == !everything)
                throw new PeepshowException(ExitCodes.BadArguments, "name one outbox entry id or pass --all (see peepshow sinks pending)");

            var outbox = SinksCommand.Outbox(context);
            var listings = everything ? outbox.List() : outbox.Find(one!);
            if (!everything && listings.Count != 1)
                throw new PeepshowException(ExitCodes.BadArguments, listings.Count == 0
                    ? $"no pending outbox entry '{one}' (see peepshow sinks pending)"
                    : $"'{one}' matches {listings.Count} outbox entries; give more of the id");
            if (listings.Count == 0)
            {
                await stderr.WriteLineAsync("peepshow: nothing pending: every delivery has succeeded");
                return 0;
            }

            foreach (var broken in listings.Where(l => l.Entry is null))
                await stderr.WriteLineAsync($"peepshow: outbox entry {broken.Id} is unreadable ({broken.Problem}); left in place: {broken.File}");
            var replayable = listings.Where(l => l.Entry is not null).Select(l => l.Id).ToList();

            // The sinks read the same .env a run would give them.
            var env = EnvFileOption.Load(parse, noEnvFile, context.Environment, context.WorkingDirectory).Environment;
            var runner = SinkRunner.FromEnvironment(env, context.WorkingDirectory, warn: w => stderr.WriteLine($"peepshow: {w}"));
            var dispatcher = new SinkDispatcher(runner, outbox, stderr) { Secrets = SecretRedaction.FromEnvironment(env) };
            var report = await dispatcher.RetryAsync(replayable, ct);
            var unreadable = listings.Count - replayable.Count;
            var left = report.Failed + report.Busy + unreadable;
            await stderr.WriteLineAsync($"peepshow: retry: {report.Delivered} delivered, {left} still pending");
            return left == 0 ? ExitCodes.Ok : ExitCodes.DeliveryPending;
        });
        return command;
    }
}
