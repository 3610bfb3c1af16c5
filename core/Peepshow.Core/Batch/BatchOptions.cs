using Peepshow.Core.Runs;

namespace Peepshow.Core.Batch;

/// <summary>How a batch runs: where its run folders go, how many at once, and the request for each input.</summary>
public sealed record BatchOptions
{
    /// <summary><c>--output-root</c>: one run folder per input, named by its run id.</summary>
    public required string OutputRoot { get; init; }

    /// <summary><c>--jobs</c>: runs at the same time.</summary>
    public int Jobs { get; init; } = 1;

    /// <summary><c>--force</c>: run inputs whose run folder is already complete.</summary>
    public bool Force { get; init; }

    /// <summary>The request for one input, before the batch sets its run id and folder.</summary>
    public required Func<BatchInput, RunRequest> Request { get; init; }

    /// <summary>Whatever else changes a run's result besides <see cref="RunRequest"/> (the transcriber), folded into run ids.</summary>
    public IReadOnlyList<string> ExtraResultOptions { get; init; } = [];
}
