using System.Text.RegularExpressions;
using Peepshow.Core.Media;
using Peepshow.Core.Processes;
using Peepshow.Testing;

namespace Peepshow.Cli.Tests;

public sealed class DoctorSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task Doctor_names_the_ffmpeg_and_the_provider_a_run_would_use_and_exits_0()
    {
        using var dir = new TempDir();
        var bin = Directory.CreateDirectory(dir.Combine("bin")).FullName;
        var whisper = FakeWhisperCli.InstallTo(bin);
        var ffmpeg = FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory);
        using var peepshow = new PeepshowProcess()
            .WithEnvironment("PATH", bin)
            .WithEnvironment("PEEPSHOW_FFMPEG", ffmpeg.FfmpegPath)
            .WithEnvironment("PEEPSHOW_TRANSCRIBE", null)
            .WithEnvironment("OPENAI_API_KEY", "sk-doctor-never-prints-this");

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, "doctor");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"  ffmpeg       {ffmpeg.FfmpegPath} (from PEEPSHOW_FFMPEG), version ", result.StandardOutput);
        Assert.Contains("  provider     whisper (auto: in process, model ggml-base.bin (downloads on first use))", result.StandardOutput);
        Assert.Contains("  whisper      in process (Whisper.net), runtime ", result.StandardOutput);
        Assert.Contains($"  whisper-cli  {whisper}", result.StandardOutput);
        Assert.Contains($"  model        ggml-base.bin: not downloaded yet", result.StandardOutput);
        Assert.Contains("  api keys     OPENAI_API_KEY set, GROQ_API_KEY not set", result.StandardOutput);
        Assert.Contains("  - the model ggml-base.bin downloads on first use; offline, fetch ", result.StandardOutput);
        Assert.Contains("  yt-dlp       not installed: page URLs (YouTube, Vimeo, a page with a <video>) are refused; install it with: apt install yt-dlp, or pipx install yt-dlp\n", result.StandardOutput);
        Assert.Contains("  - optional, for page URLs: install yt-dlp: apt install yt-dlp, or pipx install yt-dlp\n", result.StandardOutput);
        Assert.DoesNotContain("sk-doctor", result.StandardOutput);
        Assert.EndsWith("ready: peepshow can run, with transcripts\n", result.StandardOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task Doctor_names_the_yt_dlp_page_urls_use_and_its_version_and_a_PEEPSHOW_YTDLP_ARGS_a_run_would_refuse()
    {
        using var dir = new TempDir();
        var bin = Directory.CreateDirectory(dir.Combine("bin")).FullName;
        var ytDlp = Path.Combine(bin, "yt-dlp");
        File.CreateSymbolicLink(ytDlp, Peepshow.Core.Inputs.YtDlp.Find(EnvironmentVariables.Process.Get, Environment.CurrentDirectory) ?? throw new InvalidOperationException("the specs need yt-dlp (apt-get install yt-dlp)"));
        using var peepshow = new PeepshowProcess()
            .WithEnvironment("PATH", bin)
            .WithEnvironment("PEEPSHOW_FFMPEG", FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory).FfmpegPath)
            .WithEnvironment("PEEPSHOW_YTDLP_ARGS", "--cookies 'my cookies.txt --password hunter2");

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, "doctor");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches($@"\n  yt-dlp       {Regex.Escape(ytDlp)}, version \d{{4}}\.\d{{2}}\.\d{{2}}\S* \(downloads the video of page URLs\)\n", result.StandardOutput);
        Assert.Contains("               PEEPSHOW_YTDLP_ARGS is not valid shell words: a single quote is never closed: every run stops with exit 2 until it is fixed\n", result.StandardOutput);
        Assert.Contains("  - fix PEEPSHOW_YTDLP_ARGS (shell words, quoted as in sh) or unset it\n", result.StandardOutput);
        Assert.DoesNotContain("hunter2", result.StandardOutput + result.StandardError);
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_ffmpeg_doctor_says_what_to_install_and_exits_3()
    {
        using var dir = new TempDir();
        using var peepshow = new PeepshowProcess()
            .WithEnvironment("PATH", Directory.CreateDirectory(dir.Combine("bin")).FullName)
            .WithEnvironment("PEEPSHOW_FFMPEG", null);

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, "doctor");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("  ffmpeg       missing: ffmpeg not found on PATH", result.StandardOutput);
        Assert.Contains("  - install ffmpeg: ", result.StandardOutput);
        Assert.Contains("  whisper      in process (Whisper.net), runtime ", result.StandardOutput);
        Assert.EndsWith("not ready: peepshow needs ffmpeg and ffprobe\n", result.StandardOutput);
    }
}
