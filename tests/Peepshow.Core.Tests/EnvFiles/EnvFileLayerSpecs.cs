using Peepshow.Core.EnvFiles;
using Peepshow.Core.Processes;
using Peepshow.Core.State;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.EnvFiles;

public sealed class EnvFileLayerSpecs : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Dictionary<string, string> _process = new(StringComparer.Ordinal);

    public EnvFileLayerSpecs() => _process["PEEPSHOW_HOME"] = _dir.Combine("home");

    public void Dispose() => _dir.Dispose();

    private string Project => Directory.CreateDirectory(_dir.Combine("project")).FullName;

    private string? Process(string name) => _process.GetValueOrDefault(name);

    private EnvFileLayer Load(bool disabled = false) =>
        EnvFileLayer.Load(EnvironmentVariables.Only(_process.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))), Project, disabled);

    private string WriteEnv(string text, string name = ".env")
    {
        var path = Path.Combine(Project, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task AllowAsync(string path) =>
        EnvTrustStore.FromEnvironment(Process, Environment.CurrentDirectory).AllowAsync(RealPath.Of(path), EnvTrustStore.Hash(File.ReadAllBytes(path)), TestContext.Current.CancellationToken);

    [Fact]
    public void A_dotenv_that_was_never_allowed_is_ignored_with_a_hint_saying_how_to_allow_it()
    {
        var path = WriteEnv("CASSANDRA_URL=http://127.0.0.1:1\n");

        var layer = Load();

        Assert.False(layer.Used);
        Assert.Equal(EnvTrust.Unknown, layer.Trust);
        Assert.Null(layer.Environment.Get("CASSANDRA_URL"));
        Assert.Empty(layer.Applied);
        Assert.Equal($"{path} is not allowed, so peepshow ignored it; review it, then allow it with: peepshow env allow", layer.Hint);
    }

    [Fact]
    public async Task An_allowed_dotenv_adds_only_the_variables_the_environment_does_not_set()
    {
        var path = WriteEnv("CASSANDRA_URL=http://127.0.0.1:1\nCASSANDRA_TOKEN=from-file\nEMPTY_IN_ENV=file\n");
        await AllowAsync(path);
        _process["CASSANDRA_TOKEN"] = "from-env";
        _process["EMPTY_IN_ENV"] = "";

        var layer = Load();

        Assert.True(layer.Used);
        Assert.Null(layer.Hint);
        Assert.Equal("http://127.0.0.1:1", layer.Environment.Get("CASSANDRA_URL"));
        Assert.Equal("from-env", layer.Environment.Get("CASSANDRA_TOKEN"));
        Assert.Equal("file", layer.Environment.Get("EMPTY_IN_ENV"));
        Assert.Equal(["CASSANDRA_URL", "CASSANDRA_TOKEN", "EMPTY_IN_ENV"], layer.Names);
        Assert.Equal(new Dictionary<string, string> { ["CASSANDRA_URL"] = "http://127.0.0.1:1", ["EMPTY_IN_ENV"] = "file" }, layer.Applied);
        Assert.Equal((path, EnvFileLayer.FromEnvironment, null), (layer.SourceOf("CASSANDRA_URL"), layer.SourceOf("CASSANDRA_TOKEN"), layer.SourceOf("UNSET")));
    }

    [Fact]
    public async Task A_changed_dotenv_needs_allowing_again()
    {
        var path = WriteEnv("DUMMY_SINK_LINE=one\n");
        await AllowAsync(path);
        File.AppendAllText(path, "PEEPSHOW_SINK_PATH=/tmp/evil\n");

        var changed = Load();
        await AllowAsync(path);
        var allowedAgain = Load();

        Assert.Equal(EnvTrust.Changed, changed.Trust);
        Assert.Null(changed.Environment.Get("DUMMY_SINK_LINE"));
        Assert.StartsWith($"{path} changed since it was allowed, so peepshow ignored it;", changed.Hint);
        Assert.Equal("/tmp/evil", allowedAgain.Environment.Get("PEEPSHOW_SINK_PATH"));
    }

    [Fact]
    public async Task A_denied_dotenv_is_ignored_without_a_hint()
    {
        var path = WriteEnv("DUMMY_SINK_LINE=one\n");
        await AllowAsync(path);
        await EnvTrustStore.FromEnvironment(Process, Environment.CurrentDirectory).DenyAsync(RealPath.Of(path), TestContext.Current.CancellationToken);

        var layer = Load();

        Assert.Equal((EnvTrust.Denied, false, null), (layer.Trust, layer.Used, layer.Hint));
    }

    [Fact]
    public async Task Trust_follows_the_real_file_so_a_symlink_to_an_allowed_file_is_the_same_file()
    {
        var real = WriteEnv("DUMMY_SINK_LINE=one\n", "real.env");
        await AllowAsync(real);
        File.CreateSymbolicLink(Path.Combine(Project, ".env"), real);

        Assert.Equal("one", Load().Environment.Get("DUMMY_SINK_LINE"));
    }

    [Fact]
    public void The_file_PEEPSHOW_ENV_FILE_names_is_trusted_without_allowing_and_replaces_the_local_dotenv()
    {
        WriteEnv("DUMMY_SINK_LINE=local\n");
        var named = WriteEnv("DUMMY_SINK_LINE=named\n", "team.env");
        _process[EnvFileLayer.FileVariable] = "team.env";

        var layer = Load();

        Assert.Equal((named, true, "named"), (layer.Path, layer.IsNamedByVariable, layer.Environment.Get("DUMMY_SINK_LINE")));
    }

    [Fact]
    public void A_missing_file_named_by_PEEPSHOW_ENV_FILE_is_exit_2()
    {
        _process[EnvFileLayer.FileVariable] = "nope.env";

        var ex = Assert.Throws<PeepshowException>(() => Load());

        Assert.Equal((ExitCodes.BadArguments, $"PEEPSHOW_ENV_FILE names {Path.Combine(Project, "nope.env")}, which does not exist"), (ex.ExitCode, ex.Message));
    }

    [Fact]
    public void Turned_off_nothing_is_read_even_a_named_file()
    {
        WriteEnv("DUMMY_SINK_LINE=local\n");
        _process[EnvFileLayer.FileVariable] = "nope.env";

        var layer = Load(disabled: true);

        Assert.Equal((null, null, null), (layer.Path, layer.Hint, layer.Environment.Get("DUMMY_SINK_LINE")));
    }

    [Theory]
    [InlineData("CASSANDRA_URL=https://elsewhere.example\n", "CASSANDRA_TOKEN", "cassandra: CASSANDRA_URL from {0} would receive CASSANDRA_TOKEN from the environment")]
    [InlineData("DATABRICKS_URL=https://elsewhere.example\n", "DATABRICKS_TOKEN", "databricks: DATABRICKS_URL from {0} would receive DATABRICKS_TOKEN from the environment")]
    [InlineData("EVENT_TRACK_REGION=eu\nEVENT_TRACK_ENDPOINT=https://elsewhere.example\n", "EVENT_TRACK_TOKEN", "event-track: EVENT_TRACK_ENDPOINT, EVENT_TRACK_REGION from {0} would receive EVENT_TRACK_TOKEN from the environment")]
    [InlineData("PEEPSHOW_TRANSCRIBE_ENDPOINT=https://elsewhere.example\n", "GROQ_API_KEY", "transcription: PEEPSHOW_TRANSCRIBE_ENDPOINT from {0} would receive GROQ_API_KEY from the environment")]
    public async Task An_endpoint_from_the_file_with_a_credential_from_the_environment_is_refused_with_exit_2_naming_both(string file, string credential, string expected)
    {
        var path = WriteEnv(file + $"{credential}=file-token-is-ignored\n");
        await AllowAsync(path);
        _process[credential] = "users-own-secret";

        var layer = Load();
        var ex = Assert.Throws<PeepshowException>(layer.EnsureNoBorrowedCredentials);

        Assert.Equal(string.Format(expected, path), Assert.Single(layer.BorrowedCredentials()));
        Assert.Equal(ExitCodes.BadArguments, ex.ExitCode);
        Assert.Contains(string.Format(expected, path), ex.Message);
        Assert.DoesNotContain("secret", ex.Message + ex.Hint);
        Assert.DoesNotContain("file-token", ex.Message + ex.Hint);
    }

    [Fact]
    public async Task Endpoint_and_credential_from_the_same_source_are_fine()
    {
        var path = WriteEnv("CASSANDRA_URL=https://db.example\nCASSANDRA_TOKEN=t\n");
        await AllowAsync(path);
        _process["DATABRICKS_URL"] = "https://adb.example";
        _process["DATABRICKS_TOKEN"] = "dapi";

        var layer = Load();
        layer.EnsureNoBorrowedCredentials();

        Assert.Empty(layer.BorrowedCredentials());
    }
}
