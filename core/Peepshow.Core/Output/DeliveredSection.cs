using System.Text;
using Peepshow.Core.Sinks;

namespace Peepshow.Core.Output;

/// <summary>
/// The closing "Delivered" section of <c>--emit markdown</c> and <c>--emit timeline</c>: one line per sink of
/// the run with its status and the link to the record it wrote (its success line when it gave no link), so an
/// agent can hand the user the link; a failed delivery names the command that replays it.
/// </summary>
public static class DeliveredSection
{
    public static string Format(IReadOnlyList<SinkResult> sinks)
    {
        if (sinks.Count == 0)
            return "";
        var md = new StringBuilder("\n## Delivered\n\n");
        foreach (var sink in sinks)
            md.Append("- ").Append(sink.Name).Append(": ").Append(Describe(sink)).Append('\n');
        return md.ToString();
    }

    private static string Describe(SinkResult sink) => sink.Status switch
    {
        SinkResult.StatusOk => (sink.Url ?? sink.Record) is { } shown ? $"ok, {shown}" : "ok",
        SinkResult.StatusSkipped => $"skipped ({sink.SkipReason})",
        _ => $"failed ({sink.Error}); " + (sink.OutboxId is { } id
            ? $"replay with: peepshow sinks retry {id}"
            : "not queued for retry"),
    };
}
