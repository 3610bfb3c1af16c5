using Peepshow.Core.AutoSinks;
using Peepshow.Core.EnvFiles;
using Peepshow.Core.Sinks;

namespace Peepshow.Core.Doctor;

/// <summary>
/// <c>peepshow doctor</c>'s view of the auto-sinks: for each entry of sinks.json, whether its program is found and,
/// for a built-in sink (<see cref="KnownVariables"/>), which required variables are set and where each came from
/// (the environment or the <c>.env</c> file). Names only: a value is never shown.
/// </summary>
public sealed record AutoSinkReadiness(IReadOnlyList<(string Label, string Value)> Lines, IReadOnlyList<string> ToDo)
{
    public static async Task<AutoSinkReadiness> InspectAsync(EnvFileLayer env, string workingDirectory, CancellationToken cancellationToken)
    {
        var lines = new List<(string, string)>();
        var todo = new List<string>();
        if (env.Path is { } file)
            lines.Add((".env", env.Used ? $"{file} ({env.Applied.Count} of its variables in use)" : $"{file}: ignored ({env.Trust.ToString().ToLowerInvariant()}; see peepshow env status)"));
        foreach (var borrowed in env.BorrowedCredentials())
        {
            lines.Add(("refused", borrowed));
            todo.Add($"runs refuse to start while {borrowed}: put the credentials in the file too, or the endpoint in the environment");
        }

        IReadOnlyList<SinkSpec> sinks;
        try
        {
            sinks = await AutoSinkStore.FromEnvironment(env.Environment.Get, workingDirectory).LoadAsync(cancellationToken);
        }
        catch (PeepshowException ex)
        {
            lines.Add(("auto-sinks", ex.Message));
            return new AutoSinkReadiness(lines, todo);
        }
        if (sinks.Count == 0)
            lines.Add(("auto-sinks", "none (add one with: peepshow sinks add <name>)"));

        var locator = SinkLocator.FromEnvironment(env.Environment.Get, workingDirectory);
        foreach (var sink in sinks)
        {
            var label = sink.DisplayName;
            if (sink.Kind == SinkKind.Cmd)
            {
                lines.Add((label, "a shell command: peepshow cannot tell which variables it needs"));
                continue;
            }
            var location = locator.Locate(sink.Name!);
            if (!location.Found)
            {
                lines.Add((label, $"missing program: {location}"));
                todo.Add($"install {Protocol.SinkName.ExecutableFor(sink.Name!)} for the auto-sink {label} (or put its folder on PEEPSHOW_SINK_PATH)");
                continue;
            }
            if (KnownVariables.ForSink(sink.Name!) is not { } known)
            {
                lines.Add((label, $"{location}; not built in, so its --help lists the variables it needs"));
                continue;
            }
            var missing = known.Required.Where(v => env.SourceOf(v) is null).ToList();
            var present = known.Required.Concat(known.Endpoints).Concat(known.Credentials).Distinct()
                .Select(v => (Name: v, Source: env.SourceOf(v)))
                .Where(v => v.Source is not null)
                .Select(v => $"{v.Name} from {(v.Source == EnvFileLayer.FromEnvironment ? "the environment" : Path.GetFileName(v.Source))}")
                .ToList();
            var set = present.Count == 0 ? "" : $" ({string.Join(", ", present)})";
            if (missing.Count == 0)
            {
                lines.Add((label, "ready" + set));
            }
            else
            {
                lines.Add((label, $"missing {string.Join(", ", missing)}" + set));
                todo.Add($"set {string.Join(", ", missing)} for the auto-sink {label} (in the environment or an allowed .env; see docs/sinks/{sink.Name}.md)");
            }
        }
        return new AutoSinkReadiness(lines, todo);
    }
}
