using System.CommandLine;
using Peepshow.Core.Runs;
using Peepshow.Core.Transcription;

namespace Peepshow.Cli.Commands;

/// <summary>
/// The audio feature's options on the root command (<c>--no-audio</c> itself is a common option) and its
/// part of the run: the transcriber is chosen once from the flags and the environment, and becomes the run's
/// <see cref="Peepshow.Core.Audio.AudioStage"/>.
/// </summary>
public sealed class AudioOptions : IRunExtension
{
    private readonly CliContext _context;

    public Option<string?> Transcribe { get; } = new("--transcribe")
    {
        Description = "Transcription provider: subtitles (a subtitle stream in the input or a clip.srt/clip.vtt beside it; " +
                      "automatic whenever there is one), whisper (local, in process; the default otherwise, its model downloads " +
                      "on first use), whisper-cpp (local whisper-cli, e.g. a GPU build), openai, groq, custom, or off. " +
                      "Naming another provider ignores the subtitles [default: PEEPSHOW_TRANSCRIBE, else automatic]",
    };

    public Option<bool> NoTranscribe { get; } = new("--no-transcribe") { Description = "Keep audio.m4a but skip the transcript" };

    public AudioOptions(CliContext context)
    {
        _context = context;
        OptionChoices.Accept(Transcribe, [.. TranscriberSelector.ProviderNames, TranscriberSelector.Off]);
    }

    public IEnumerable<Option> Options => [Transcribe, NoTranscribe];

    public RunServices Configure(System.CommandLine.ParseResult parse, RunServices services)
    {
        var stderr = parse.InvocationConfiguration.Error;
        // Model download lines go to stderr when it is a log or a pipe; on a terminal the run's progress bar
        // owns stderr (it shows "transcribing audio" meanwhile) and stray lines would be drawn over.
        return services.WithAudio(parse.GetValue(Transcribe), parse.GetValue(NoTranscribe), _context.StderrIsTerminal ? null : stderr);
    }
}
