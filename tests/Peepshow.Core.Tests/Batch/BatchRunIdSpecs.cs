using Peepshow.Core.Batch;
using Peepshow.Core.Extraction;
using Peepshow.Core.Runs;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Batch;

public sealed class BatchRunIdSpecs
{
    private static readonly BatchInput Clip = new("/data/calls/0042.mp4", 123_456, new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero));

    private static string Id(BatchInput input, RunRequest? request = null) =>
        BatchRunId.For(input, BatchRunId.ResultOptions(request ?? new RunRequest { Input = input.Source }));

    [Fact]
    public void The_same_input_and_flags_give_the_same_valid_id_sorted_by_the_file_s_time()
    {
        var id = Id(Clip);

        Assert.Equal(id, Id(Clip with { }));
        Assert.True(RunId.IsValid(id), id);
        Assert.StartsWith("20260304T050607890-", id);
    }

    [Fact]
    public void Another_file_a_changed_file_or_a_flag_that_changes_the_result_gives_another_id()
    {
        var id = Id(Clip);

        Assert.NotEqual(id, Id(Clip with { Source = "/data/calls/0043.mp4" }));
        Assert.NotEqual(id, Id(Clip with { Size = 123_457 }));
        Assert.NotEqual(id, Id(Clip with { Modified = Clip.Modified!.Value.AddSeconds(1) }));
        Assert.NotEqual(id, Id(Clip, new RunRequest { Input = Clip.Source, Selection = new SelectionOptions { Max = 7 } }));
        Assert.NotEqual(id, Id(Clip, new RunRequest { Input = Clip.Source, NoAudio = true }));
        Assert.NotEqual(id, BatchRunId.For(Clip, [.. BatchRunId.ResultOptions(new RunRequest { Input = Clip.Source }), "transcribe=openai"]));
    }

    [Fact]
    public void Where_the_runs_go_does_not_change_the_id() =>
        Assert.Equal(Id(Clip), Id(Clip, new RunRequest { Input = Clip.Source, OutputDir = "/elsewhere", CommandLine = ["batch", "--jobs", "2"] }));

    [Fact]
    public void A_URL_has_no_time_so_its_id_starts_at_1970()
    {
        var id = Id(BatchInput.From("https://example.com/talk.mp4", "/"));

        Assert.True(RunId.IsValid(id), id);
        Assert.StartsWith("19700101T000000000-", id);
    }

    [Fact]
    public void Inputs_are_files_folders_walked_for_videos_globs_and_lists_once_each_in_a_stable_order()
    {
        using var dir = new TempDir();
        foreach (var name in new[] { "a.mp4", "b.webm", "notes.txt", "sub/c.gif", "sub/d.mov", ".hidden/e.mp4", "sub/.f.mp4" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(dir.Combine(name))!);
            File.WriteAllText(dir.Combine(name), name);
        }
        var list = dir.Combine("list.txt");
        File.WriteAllLines(list, ["# the talks", "", dir.Combine("a.mp4"), "https://example.com/talk.mp4"]);

        // Relative paths, globs and lists start in the working folder given, not in this process's.
        var inputs = BatchInputs.Expand([dir.Path, dir.Combine("*.txt"), Path.Combine("sub", "*.mov")], ["list.txt"], new StringReader(""), dir.Path);

        Assert.Equal(
            [dir.Combine("a.mp4"), dir.Combine("b.webm"), dir.Combine("sub", "c.gif"), dir.Combine("sub", "d.mov"), dir.Combine("list.txt"),
             dir.Combine("notes.txt"), "https://example.com/talk.mp4"],
            inputs.Select(i => i.Source));
        Assert.Equal("a.mp4".Length, inputs[0].Size);
    }
}
