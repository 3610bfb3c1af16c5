using System.CommandLine;
using Peepshow.Core;
using Peepshow.Core.EnvFiles;
using Peepshow.Core.State;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow env allow|deny|status</c>: which <c>.env</c> peepshow may read, trusted the way direnv trusts <c>.envrc</c>.</summary>
public static class EnvCommand
{
    public static Command Create(CliContext context)
    {
        var env = context.Environment.Get;
        var command = new Command("env", """
            Decide whether peepshow reads the .env in the current folder. A .env adds the variables the
            environment does not set (sink and transcriber settings) to every run, but a .env can arrive with
            a cloned repository, so it is used only after you allow it, and again after every change.
            With no subcommand, shows the status.
            """).With(
            "peepshow env status",
            "peepshow env allow",
            "peepshow env deny");
        command.Subcommands.Add(Decide("allow", "Allow ./.env (or the file named) as it is now; a later change needs allowing again", allow: true, env, context.WorkingDirectory));
        command.Subcommands.Add(Decide("deny", "Ignore ./.env (or the file named) from now on, without the hint", allow: false, env, context.WorkingDirectory));
        var status = new Command("status", "Which file a run would read, whether it is allowed, and the variable names it sets (never values)");
        status.SetAction((parse, _) => StatusAsync(parse.InvocationConfiguration.Output, env, context.WorkingDirectory));
        command.Subcommands.Add(status);
        command.SetAction((parse, _) => StatusAsync(parse.InvocationConfiguration.Output, env, context.WorkingDirectory));
        return command;
    }

    private static Command Decide(string name, string description, bool allow, Func<string, string?> env, string workingDirectory)
    {
        var file = new Argument<string?>("file")
        {
            Description = "The dotenv file [default: .env in the current folder]",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command(name, description) { file };
        command.SetAction(async (parse, ct) =>
        {
            var path = Path.GetFullPath(parse.GetValue(file) ?? EnvFileLayer.DefaultFileName, workingDirectory);
            if (!File.Exists(path))
                throw new PeepshowException(ExitCodes.BadArguments, $"{path} does not exist");
            var store = EnvTrustStore.FromEnvironment(env, workingDirectory);
            var real = RealPath.Of(path);
            var output = parse.InvocationConfiguration.Output;
            if (allow)
            {
                // Read and parse before allowing: a file peepshow cannot read must not be recorded as fine,
                // and the hash is of exactly the bytes that were checked.
                var bytes = EnvFileLayer.ReadCapped(path);
                var names = EnvFileLayer.NamesIn(bytes, path);
                await store.AllowAsync(real, EnvTrustStore.Hash(bytes), ct);
                await output.WriteLineAsync($"peepshow: allowed {real} as it is now ({Count(names.Count)}: {string.Join(", ", names)})");
            }
            else
            {
                await store.DenyAsync(real, ct);
                await output.WriteLineAsync($"peepshow: denied {real}; peepshow ignores it until you allow it");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> StatusAsync(TextWriter output, Func<string, string?> env, string workingDirectory)
    {
        var named = env(EnvFileLayer.FileVariable);
        var isNamed = !string.IsNullOrEmpty(named);
        var path = Path.GetFullPath(isNamed ? named! : EnvFileLayer.DefaultFileName, workingDirectory);
        if (!File.Exists(path))
        {
            await output.WriteLineAsync(isNamed
                ? $"{EnvFileLayer.FileVariable} names {path}, which does not exist"
                : $"no .env here ({path} does not exist)");
            return isNamed ? ExitCodes.BadArguments : ExitCodes.Ok;
        }

        var bytes = EnvFileLayer.ReadCapped(path);
        var trust = isNamed
            ? $"trusted: named by {EnvFileLayer.FileVariable}"
            : EnvTrustStore.FromEnvironment(env, workingDirectory).Check(RealPath.Of(path), EnvTrustStore.Hash(bytes)) switch
            {
                EnvTrust.Allowed => "allowed: runs use it",
                EnvTrust.Changed => "changed since it was allowed: ignored until you run peepshow env allow",
                EnvTrust.Denied => "denied: ignored (peepshow env allow to use it)",
                _ => "not allowed: ignored until you run peepshow env allow",
            };
        var names = EnvFileLayer.NamesIn(bytes, path);
        var already = names.Where(n => !string.IsNullOrEmpty(env(n))).ToList();
        await output.WriteLineAsync($"file     {path}");
        await output.WriteLineAsync($"trust    {trust}");
        await output.WriteLineAsync($"sets     {(names.Count == 0 ? "nothing" : string.Join(", ", names))}");
        if (already.Count > 0)
            await output.WriteLineAsync($"ignored  {string.Join(", ", already)} (already set in the environment, which wins)");
        return ExitCodes.Ok;
    }

    private static string Count(int n) => n == 1 ? "1 variable" : $"{n} variables";
}
