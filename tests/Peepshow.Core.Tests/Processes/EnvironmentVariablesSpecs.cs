using System.Text;
using Peepshow.Core.Agents;
using Peepshow.Core.Processes;
using Peepshow.Core.State;
using Peepshow.Core.Transcription;
using Peepshow.Protocol;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Processes;

public sealed class EnvironmentVariablesSpecs
{
    [Fact]
    public async Task Every_home_relative_path_starts_at_HOME_as_the_run_was_given_it_not_the_processes_own()
    {
        using var dir = new TempDir();
        var home = dir.Combine("someone-else");
        Directory.CreateDirectory(home);
        await File.WriteAllBytesAsync(Path.Combine(home, "clip.mov"), [0], TestContext.Current.CancellationToken);
        var env = EnvironmentVariables.Process.With([
            KeyValuePair.Create("HOME", (string?)home),
            KeyValuePair.Create(EnvNames.Home, (string?)null),
            KeyValuePair.Create(TranscriptionEnv.WhisperModelDir, (string?)"~/models"),
        ]);

        Assert.Equal(home, env.HomeFolder());
        Assert.Equal(Path.Combine(home, ".peepshow"), PeepshowHome.Path(env.Get, dir.Path));
        Assert.Equal(Path.Combine(home, "models"), TranscriptionSettings.FromEnvironment(env.Get, dir.Path).ModelDir);
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes("""{"hook_event_name":"UserPromptSubmit","prompt":"what happens in ~/clip.mov?"}"""));
        var answer = await UserPromptHook.RespondAsync(stdin, dir.Path, env.HomeFolder(), TestContext.Current.CancellationToken);
        Assert.Contains(Path.Combine(home, "clip.mov"), answer);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_HOME_the_home_folder_is_the_accounts_profile_folder(string? value)
    {
        using var dir = new TempDir();
        var env = EnvironmentVariables.Process.With([
            KeyValuePair.Create("HOME", value),
            KeyValuePair.Create(TranscriptionEnv.WhisperModelDir, (string?)"~/models"),
        ]);
        var profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.Equal(profile, env.HomeFolder());
        Assert.True(Path.IsPathRooted(profile), profile);
        // Not "models" under the working folder, as an empty HOME once made it.
        Assert.Equal(Path.Combine(profile, "models"), TranscriptionSettings.FromEnvironment(env.Get, dir.Path).ModelDir);
    }
}
