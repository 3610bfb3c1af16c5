using Peepshow.Core.Batch;
using Peepshow.Core.Runs;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Batch;

public sealed class ShardSpecs
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    private static IReadOnlyList<BatchInput> Inputs(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new BatchInput($"/data/calls/{i:D4}.mp4", 1000 + i, DateTimeOffset.UnixEpoch.AddDays(i)))];

    [Fact]
    public void Four_workers_cover_a_list_exactly_once_and_each_gets_a_fair_part()
    {
        var inputs = Inputs(1000);

        var parts = Enumerable.Range(0, 4).Select(k => inputs.Where(new Shard(k, 4).Contains).ToList()).ToList();

        Assert.Equal(inputs.Select(i => i.Source).Order(), parts.SelectMany(p => p).Select(i => i.Source).Order());
        Assert.All(parts, p => Assert.InRange(p.Count, 200, 300));
    }

    [Fact]
    public void An_input_lands_in_the_same_shard_whatever_the_order_of_the_list_and_after_the_file_changed()
    {
        var input = new BatchInput("/data/calls/0042.mp4", 1, DateTimeOffset.UnixEpoch);
        var shard = Enumerable.Range(0, 8).Single(k => new Shard(k, 8).Contains(input));

        Assert.True(new Shard(shard, 8).Contains(input with { Size = 99, Modified = DateTimeOffset.UtcNow }));
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/1", 0, 1)]
    public void K_of_N_is_read_from_the_flag(string text, int index, int count) =>
        Assert.Equal(new Shard(index, count), Shard.Parse(text, Env()));

    [Theory]
    [InlineData("4/4", "--shard 4/4: shard 4 is outside 0..3")]
    [InlineData("1/0", "--shard 1/0: the number of shards must be at least 1 (got 0)")]
    [InlineData("-1/4", "--shard expects K/N (like 0/4: the first of four workers) or auto, not '-1/4'")]
    [InlineData("two", "--shard expects K/N (like 0/4: the first of four workers) or auto, not 'two'")]
    public void A_bad_shard_is_a_bad_argument(string text, string message)
    {
        var ex = Assert.Throws<PeepshowException>(() => Shard.Parse(text, Env()));
        Assert.Equal((ExitCodes.BadArguments, message), (ex.ExitCode, ex.Message));
    }

    [Fact]
    public void Auto_reads_a_Slurm_array_with_or_without_its_count()
    {
        Assert.Equal(new Shard(2, 4), Shard.Parse("auto", Env(("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
        // --array=1-4: ids 1..4 are shards 0..3; older Slurm sets no COUNT, only MIN and MAX.
        Assert.Equal(new Shard(3, 4), Shard.Parse("auto", Env(("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "4"))));
        // --array=0-6:2: ids 0, 2, 4, 6.
        Assert.Equal(new Shard(2, 4), Shard.Parse("auto", Env(("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "6"), ("SLURM_ARRAY_TASK_STEP", "2"))));
    }

    [Fact]
    public void Auto_reads_a_Kubernetes_Indexed_Job_an_AWS_Batch_array_or_peepshow_s_own_variables()
    {
        Assert.Equal(new Shard(1, 3), Shard.Parse("auto", Env(("JOB_COMPLETION_INDEX", "1"), (Shard.CountEnv, "3"))));
        Assert.Equal(new Shard(5, 10), Shard.Parse("auto", Env(("AWS_BATCH_JOB_ARRAY_INDEX", "5"), ("AWS_BATCH_JOB_ARRAY_SIZE", "10"))));
        Assert.Equal(new Shard(0, 2), Shard.Parse("auto", Env(("PEEPSHOW_SHARD_INDEX", "0"), (Shard.CountEnv, "2"))));
    }

    [Fact]
    public void Auto_without_an_array_job_or_without_its_count_is_a_bad_argument()
    {
        var none = Assert.Throws<PeepshowException>(() => Shard.Parse("auto", Env()));
        Assert.Equal(ExitCodes.BadArguments, none.ExitCode);
        Assert.StartsWith("--shard auto found no array-job index", none.Message);

        var noCount = Assert.Throws<PeepshowException>(() => Shard.Parse("auto", Env(("JOB_COMPLETION_INDEX", "1"))));
        Assert.Equal("--shard auto: JOB_COMPLETION_INDEX is set but PEEPSHOW_SHARD_COUNT (how many workers there are) is not", noCount.Message);
    }
}
