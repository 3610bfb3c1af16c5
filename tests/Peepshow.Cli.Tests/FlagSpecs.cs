using System.Globalization;
using Peepshow.Core;
using Peepshow.Testing;

namespace Peepshow.Cli.Tests;

/// <summary>
/// Garbage in every flag and in the PEEPSHOW_* values peepshow reads: exit 2 and one line naming the flag,
/// what was typed and what is allowed; never exit 1 "unexpected error".
/// </summary>
public sealed class FlagSpecs
{
    private static readonly (string Flag, string Allowed)[] NumericFlags =
    [
        ("--threshold", "a number between 0 and 1"),
        ("-t", "a number between 0 and 1"),
        ("--min", "a whole number between 0 and 10000"),
        ("--max", "a whole number between 1 and 10000"),
        ("--fps", "a number between 0.001 and 120"),
        ("--width", "a whole number between 16 and 16384"),
        ("-w", "a whole number between 16 and 16384"),
        ("--dedup-distance", "a whole number between 0 and 64"),
    ];

    // Not a number, not finite, or out of every range above.
    private static readonly string[] Garbage = ["abc", "", "NaN", "Infinity", "1e309", "-5", "99999", "0x10", "1,5", "2\u202e"];

    [Fact(Timeout = 300_000)]
    public async Task Every_numeric_flag_refuses_garbage_with_exit_2_naming_the_flag_the_value_and_the_range()
    {
        using var peepshow = new PeepshowProcess();
        var cases = NumericFlags.SelectMany(f => Garbage.Select(value => (f.Flag, f.Allowed, Value: value))).ToList();

        var results = await Task.WhenAll(cases.Select(c => peepshow.RunAsync(TestContext.Current.CancellationToken, "clip.mp4", c.Flag, c.Value)));

        foreach (var ((flag, allowed, value), result) in cases.Zip(results))
        {
            var name = flag switch { "-t" => "--threshold", "-w" => "--width", _ => flag };
            var shown = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? value
                : $"'{value.Replace("\u202e", "\\u202e", StringComparison.Ordinal)}'";
            Assert.True(result.ExitCode == ExitCodes.BadArguments, $"{flag} '{value}': {result}");
            Assert.Equal($"peepshow: {name} must be {allowed} (got {shown})", result.StderrLines[0]);
            Assert.Equal(2, result.StderrLines.Count);
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData("--max", "-5", "--max must be a whole number between 1 and 10000 (got -5)")]
    [InlineData("--min", "10001", "--min must be a whole number between 0 and 10000 (got 10001)")]
    [InlineData("--max", "10001", "--max must be a whole number between 1 and 10000 (got 10001)")]
    [InlineData("-o", "", "--output must name a folder (got '')")]
    [InlineData("--emit", "xml", "--emit must be one of paths, json, markdown, caveman, timeline, sheet (got 'xml')")]
    [InlineData("--stats", "", "--stats must be one of off, short, full (got '')")]
    [InlineData("--dedup", "maybe", "--dedup must be one of on, auto, off (got 'maybe')")]
    [InlineData("--transcribe", "nope", "--transcribe must be one of subtitles, whisper, whisper-cpp, openai, groq, custom, off (got 'nope')")]
    [InlineData("--end", "-1", "--end expects seconds (12.5) or a clock time (1:05, 0:01:05.5), not '-1'")]
    [InlineData("--sink", "", "--sink: '' is not a valid sink name")]
    [InlineData("--sink-cmd", " ", "--sink-cmd: a sink command cannot be empty")]
    public async Task Every_other_flag_names_itself_the_value_and_what_is_allowed(string flag, string value, string message)
    {
        using var peepshow = new PeepshowProcess();

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, "clip.mp4", flag, value);

        Assert.Equal(ExitCodes.BadArguments, result.ExitCode);
        Assert.StartsWith($"peepshow: {message}", result.StderrLines[0]);
        Assert.Equal(2, result.StderrLines.Count);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("PEEPSHOW_MAX_INPUT_MB", "abc", "a whole number of megabytes between 1 and 1048576")]
    [InlineData("PEEPSHOW_MAX_INPUT_MB", "-1", "a whole number of megabytes between 1 and 1048576")]
    [InlineData("PEEPSHOW_MAX_INPUT_MB", "0", "a whole number of megabytes between 1 and 1048576")]
    [InlineData("PEEPSHOW_DOWNLOAD_TIMEOUT_SECONDS", "soon", "a number of seconds more than 0 and at most 86400")]
    public async Task An_invalid_input_limit_in_the_environment_is_exit_2_naming_the_variable_and_the_range(string name, string value, string allowed)
    {
        using var dir = new TempDir();
        using var peepshow = new PeepshowProcess().WithEnvironment(name, value);

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, dir.Combine("clip.mp4"), "-o", dir.Combine("run"));

        Assert.Equal(ExitCodes.BadArguments, result.ExitCode);
        Assert.Equal($"peepshow: {name} must be {allowed} (got '{value}')", result.StderrLines[0]);
        Assert.False(Directory.Exists(dir.Combine("run")));
    }

    [Fact(Timeout = 60_000)]
    public async Task PEEPSHOW_YTDLP_ARGS_that_are_not_shell_words_are_exit_2_without_echoing_them()
    {
        using var dir = new TempDir();
        using var peepshow = new PeepshowProcess().WithEnvironment("PEEPSHOW_YTDLP_ARGS", "--username me --password \"hunter2");

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, dir.Combine("clip.mp4"), "-o", dir.Combine("run"));

        Assert.Equal(ExitCodes.BadArguments, result.ExitCode);
        Assert.Equal("peepshow: PEEPSHOW_YTDLP_ARGS is not valid shell words: a double quote is never closed", result.StderrLines[0]);
        Assert.DoesNotContain("hunter2", result.StandardError);
        Assert.False(Directory.Exists(dir.Combine("run")));
    }
}
