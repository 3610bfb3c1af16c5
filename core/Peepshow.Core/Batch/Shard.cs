using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Peepshow.Core.Batch;

/// <summary>
/// Which part of a batch this worker does: shard <see cref="Index"/> (from 0) of <see cref="Count"/>. An input
/// belongs to the shard its SHA-256 hash falls in, so N workers given the same list cover it exactly once
/// without talking to each other, whatever order they list it in.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    public const string CountEnv = "PEEPSHOW_SHARD_COUNT";

    public static Shard All { get; } = new(0, 1);

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>The input's own identity (its full path or URL), not its size or time: a touched file stays in its shard.</summary>
    public bool Contains(BatchInput input)
    {
        if (Count == 1)
            return true;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input.Source));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)Count) == Index;
    }

    /// <summary><c>K/N</c> (0 ≤ K &lt; N), or <c>auto</c> for the array-job variables of the scheduler running us.</summary>
    public static Shard Parse(string text, Func<string, string?> env)
    {
        if (text == "auto")
            return FromEnvironment(env);
        var slash = text.IndexOf('/');
        if (slash > 0 && TryInt(text[..slash], out var index) && TryInt(text[(slash + 1)..], out var count))
            return Checked(index, count, $"--shard {text}");
        throw new PeepshowException(ExitCodes.BadArguments, $"--shard expects K/N (like 0/4: the first of four workers) or auto, not '{text}'");
    }

    /// <summary>
    /// Slurm job arrays (<c>SLURM_ARRAY_TASK_ID</c>, counted with <c>SLURM_ARRAY_TASK_COUNT</c> or MIN/MAX/STEP),
    /// Kubernetes Indexed Jobs (<c>JOB_COMPLETION_INDEX</c> with <c>PEEPSHOW_SHARD_COUNT</c>, since the Job's
    /// completions are not in the pod's environment), AWS Batch array jobs (<c>AWS_BATCH_JOB_ARRAY_INDEX</c> and
    /// <c>AWS_BATCH_JOB_ARRAY_SIZE</c>), or <c>PEEPSHOW_SHARD_INDEX</c> with <c>PEEPSHOW_SHARD_COUNT</c> for anything else.
    /// </summary>
    public static Shard FromEnvironment(Func<string, string?> env)
    {
        if (env("SLURM_ARRAY_TASK_ID") is { Length: > 0 } slurmId)
        {
            var id = Required("SLURM_ARRAY_TASK_ID", slurmId);
            var min = Optional(env, "SLURM_ARRAY_TASK_MIN") ?? 0;
            var step = Optional(env, "SLURM_ARRAY_TASK_STEP") is > 0 and var s ? s : 1;
            var count = Optional(env, "SLURM_ARRAY_TASK_COUNT")
                        ?? (Optional(env, "SLURM_ARRAY_TASK_MAX") is { } max ? (int?)((max - min) / step + 1) : null)
                        ?? throw new PeepshowException(ExitCodes.BadArguments,
                            "--shard auto: SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX is");
            return Checked((id - min) / step, count, $"--shard auto (Slurm task {id} of {min}..{min + (count - 1) * step})");
        }
        if (env("JOB_COMPLETION_INDEX") is { Length: > 0 } k8s)
            return Checked(Required("JOB_COMPLETION_INDEX", k8s), CountFrom(env, CountEnv, "JOB_COMPLETION_INDEX"), "--shard auto (Kubernetes)");
        if (env("AWS_BATCH_JOB_ARRAY_INDEX") is { Length: > 0 } aws)
            return Checked(Required("AWS_BATCH_JOB_ARRAY_INDEX", aws), CountFrom(env, "AWS_BATCH_JOB_ARRAY_SIZE", "AWS_BATCH_JOB_ARRAY_INDEX"), "--shard auto (AWS Batch)");
        if (env("PEEPSHOW_SHARD_INDEX") is { Length: > 0 } own)
            return Checked(Required("PEEPSHOW_SHARD_INDEX", own), CountFrom(env, CountEnv, "PEEPSHOW_SHARD_INDEX"), "--shard auto");
        throw new PeepshowException(ExitCodes.BadArguments,
            "--shard auto found no array-job index: none of SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or PEEPSHOW_SHARD_INDEX is set")
        {
            Hint = "outside an array job, give the shard yourself: --shard 0/4",
        };
    }

    private static int CountFrom(Func<string, string?> env, string countVariable, string indexVariable) =>
        Optional(env, countVariable) ?? throw new PeepshowException(ExitCodes.BadArguments,
            $"--shard auto: {indexVariable} is set but {countVariable} (how many workers there are) is not");

    private static Shard Checked(int index, int count, string what)
    {
        if (count < 1)
            throw new PeepshowException(ExitCodes.BadArguments, $"{what}: the number of shards must be at least 1 (got {count})");
        if (index < 0 || index >= count)
            throw new PeepshowException(ExitCodes.BadArguments, $"{what}: shard {index} is outside 0..{count - 1}");
        return new Shard(index, count);
    }

    private static int Required(string name, string value) =>
        TryInt(value, out var n) ? n : throw new PeepshowException(ExitCodes.BadArguments, $"--shard auto: {name}={value} is not a whole number");

    private static int? Optional(Func<string, string?> env, string name) =>
        env(name) is { Length: > 0 } value ? Required(name, value) : null;

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
