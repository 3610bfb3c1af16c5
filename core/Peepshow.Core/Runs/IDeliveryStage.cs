using Peepshow.Core.Sinks;

namespace Peepshow.Core.Runs;

/// <summary>
/// The run's delivery stage: hands the payload to the run's sinks. Called once after a successful
/// extraction, with the final payload, BEFORE the formatted stdout is written; its results go into
/// manifest.json under <c>sinks</c>. A failing sink is a result with status <c>failed</c>, never an
/// exception: it must not change the exit code.
/// </summary>
public interface IDeliveryStage
{
    /// <summary>
    /// Called once before extraction starts: throws a <see cref="PeepshowException"/> to refuse a run whose
    /// deliveries could not be kept (an unreadable auto-sinks file, an outbox that cannot be written).
    /// </summary>
    Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task<IReadOnlyList<SinkResult>> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken);
}
