using System.Text.Json;
using Peepshow.Core.AutoSinks;
using Peepshow.Core.Sinks;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.AutoSinks;

public sealed class AutoSinkStoreSpecs : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private AutoSinkStore Store => new(_dir.Combine("home", "sinks.json"));

    [Fact]
    public async Task A_missing_file_means_no_auto_sinks()
    {
        Assert.Empty(await Store.LoadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sinks_round_trip_through_the_documented_version_1_format()
    {
        SinkSpec[] sinks =
        [
            SinkSpec.ParseName("databricks:a", [WhenClause.Parse("extension=mp4,mov"), WhenClause.Parse("director=Kubrick")]),
            SinkSpec.ForCommand("peepshow-sink-cassandra --dry-run"),
        ];

        await Store.UpdateAsync(list => { list.AddRange(sinks); return 0; }, TestContext.Current.CancellationToken);

        Assert.Equal(sinks, await Store.LoadAsync(TestContext.Current.CancellationToken));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Store.Path, TestContext.Current.CancellationToken));
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        var first = root.GetProperty("sinks")[0];
        Assert.Equal("name", first.GetProperty("kind").GetString());
        Assert.Equal("databricks", first.GetProperty("name").GetString());
        Assert.Equal("a", first.GetProperty("args")[0].GetString());
        Assert.Equal("extension", first.GetProperty("when")[0].GetProperty("key").GetString());
        Assert.Equal("mov", first.GetProperty("when")[0].GetProperty("values")[1].GetString());
        Assert.Equal("cmd", root.GetProperty("sinks")[1].GetProperty("kind").GetString());
        Assert.Equal("peepshow-sink-cassandra --dry-run", root.GetProperty("sinks")[1].GetProperty("command").GetString());
    }

    [Fact]
    public async Task A_hand_written_file_with_only_the_essentials_loads()
    {
        Directory.CreateDirectory(_dir.Combine("home"));
        await File.WriteAllTextAsync(Store.Path, """{"version":1,"sinks":[{"kind":"name","name":"x"},{"kind":"cmd","command":"cat","when":[{"key":"title","values":["a, b"]}]}]}""", TestContext.Current.CancellationToken);

        var sinks = await Store.LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal([SinkSpec.ParseName("x"), SinkSpec.ForCommand("cat", [new WhenClause("title", ["a, b"])])], sinks);
    }

    [Theory]
    [InlineData("""{"version":2,"sinks":[]}""", "version 2, written by a newer peepshow")]
    [InlineData("""{"version":1,"sinks":[{"kind":"name","name":"a b"}]}""", "sink 1: 'a b' is not a valid sink name")]
    [InlineData("""{"version":1,"sinks":[{"kind":"shell","command":"x"}]}""", "not valid JSON")]
    [InlineData("[1,2", "not valid JSON")]
    public async Task An_unusable_file_is_reported_and_never_overwritten(string content, string reason)
    {
        Directory.CreateDirectory(_dir.Combine("home"));
        await File.WriteAllTextAsync(Store.Path, content, TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<PeepshowException>(() => Store.UpdateAsync(l => { l.Clear(); return 0; }, TestContext.Current.CancellationToken));

        Assert.Contains(reason, ex.Message);
        Assert.Contains(Store.Path, ex.Message);
        Assert.Equal(content, await File.ReadAllTextAsync(Store.Path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Concurrent_updates_in_one_process_all_land()
    {
        await Task.WhenAll(Enumerable.Range(1, 16).Select(i => Task.Run(() =>
            new AutoSinkStore(Store.Path).UpdateAsync(l => { l.Add(SinkSpec.ParseName($"s{i}")); return 0; }, TestContext.Current.CancellationToken))));

        var names = (await Store.LoadAsync(TestContext.Current.CancellationToken)).Select(s => s.Name).Order();
        Assert.Equal(Enumerable.Range(1, 16).Select(i => $"s{i}").Order(), names);
    }
}
