using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Peepshow.Cli.Commands;

/// <summary>
/// The part of <c>--help</c> System.CommandLine cannot generate: examples, exit codes and environment.
/// Appended after the generated usage, options and defaults of the root command; subcommands get the
/// examples they registered with <see cref="HelpExamples"/>.
/// </summary>
public static class HelpText
{
    public const string Epilogue = """
        Examples:
          peepshow clip.mov                       frames of a screen recording, paths on stdout
          peepshow talk.mp4 --emit json           the JSON payload sinks receive (frames, timestamps, video, audio)
          peepshow demo.gif --emit markdown       one ![](path) per frame with its timestamp and reason
          peepshow talk.mp4 --emit timeline       each frame followed by what was said while it was on screen
          peepshow https://example.com/a.mp4      downloads into the run folder first
          peepshow https://vimeo.com/76979871     a video page (YouTube, Vimeo, any page with a <video>): via yt-dlp
          peepshow match.mkv --start 1:30 --end 2:00 --max 10
          peepshow lecture.mp4 --fps 0.2          one frame every 5 seconds instead of detection
          cat clip.webm | peepshow - -q           read the video from stdin, no stats line
          peepshow clip.mov --sink event-track    also deliver the run to peepshow-sink-event-track
          peepshow sinks add databricks --when extension=mp4,mov   deliver every mp4/mov run (see peepshow sinks --help)
          peepshow runs list                      earlier runs, newest first; runs show <id> prints one again
          peepshow doctor                         which ffmpeg and transcriber a run would use, what is missing
          claude mcp add peepshow -- peepshow mcp let MCP agents watch videos (see peepshow mcp --help)
          peepshow env allow                      let runs read ./.env (sink and transcriber settings) as it is now
          peepshow batch videos/ --jobs 2         many videos, a run folder each, resumable (see peepshow batch --help)

        Settings from a .env (docs/configuration.md):
          a run reads ./.env for the variables the environment does not set, and passes them to its sinks,
          but only after `peepshow env allow` (again after every change); otherwise it says how to allow it.
          PEEPSHOW_ENV_FILE names another file (trusted); --no-env-file reads none. Values are never printed.
          An endpoint from the file is never paired with a token from the environment (exit 2).

        How frames are chosen (docs/extraction.md):
          one decode streams tiny pictures into peepshow, which keeps the first picture, every scene cut
          (--threshold), every change that settles (a new slide, new text on a static screen) and, for
          continuous motion, a frame whenever much of the picture has changed; near-duplicates of recently
          kept frames are dropped (--dedup), even samples fill up to --min, and --max prunes evenly.
          Builds collapse: text typed word by word, bullets revealed one by one, lines printed give one
          frame of the complete state (build-complete), kept when it holds still or just before it is
          cleared or scrolled away. A blinking cursor or a moving caret never makes a frame; scrolling
          output is kept when it stops. The chosen timestamps are then extracted at full quality. Each
          frame's timestamp and reason (first, scene-cut, content-change, coverage, build-complete, fps)
          are in --emit json and markdown.

        Listening (docs/transcription.md):
          audio.m4a (mono 16 kHz AAC) with its peak and silence ratio, and a timestamped transcript: local
          with whisper.cpp (automatic when whisper-cli is on PATH; the model downloads on first use), or
          --transcribe openai|groq|custom. A transcriber that fails never fails the run: skippedReason says why.

        Output:
          The run folder holds frame_0001.jpg…, audio.m4a, manifest.json (the payload plus command, versions,
          sinks and timings), report.html (a page to review the run: --open opens it, --no-report skips it),
          contact.jpg when asked for (every frame tiled in one image: --emit sheet, or later
          peepshow runs show <id> --emit sheet) and, for URLs, data URIs and stdin, the input copy. Every finished run adds a line to $PEEPSHOW_HOME/runs.jsonl, the run history:
          peepshow runs list|show|open|prune (docs/runs.md).

        Exit codes:
          0  frames written            4  input could not be resolved (missing, not a video, bad URL)
          1  unexpected error (a bug)  5  no frames in the video or the --start/--end window
          2  bad arguments             6  ffmpeg failed (its own error line is shown)
          3  ffmpeg/ffprobe not found  8  sinks.json or the outbox cannot be read or written: the run is
                                          refused before extraction rather than lose its deliveries
          9  peepshow batch: at least one input failed (each with its own code above)
          130 interrupted (Ctrl+C, SIGTERM); the partial run folder is removed unless the outbox needs it
          Exit 2 covers every flag (one line: the flag, what was typed, the range), a bad PEEPSHOW_* value,
          and an --output folder another peepshow run is using (it names that run).

        Page URLs (docs/extraction.md):
          an http(s) URL that is a web page rather than a video file (YouTube, Vimeo, a page with a <video>) is
          downloaded with yt-dlp, when installed (apt install yt-dlp, or pipx install yt-dlp; else exit 4): an mp4 of
          at most 1080p into the run folder, within PEEPSHOW_MAX_INPUT_MB. The page's title, uploader and address
          go into video.tags (title, uploader, page_url).

        Values:
          --threshold 0-1, --min 0-10000, --max 1-10000, --fps 0.001-120, --width 16-16384, --dedup-distance 0-64.
          An --end past the end of the video means the end; a window shorter than one --fps interval gives
          its first frame. A pipe or a device given as the input (a FIFO, /dev/stdin, <(cat clip.mp4)) is read
          like stdin, within PEEPSHOW_MAX_INPUT_MB. The run folder and its manifest.json are owner-only.

        Environment:
          PEEPSHOW_FFMPEG, PEEPSHOW_FFPROBE     ffmpeg/ffprobe to use instead of the ones on PATH
          PEEPSHOW_NO_HINTS=1                   no "peepshow: hint:" lines on stderr
          PEEPSHOW_MAX_INPUT_MB                 download/stdin/pipe size cap, 1-1048576 (default 2048)
          PEEPSHOW_DOWNLOAD_TIMEOUT_SECONDS     connect and stall timeout for URLs, up to 86400 (default 30)
          PEEPSHOW_YTDLP_ARGS                   extra yt-dlp arguments for page URLs, shell-quoted, e.g.
                                                '--cookies ~/cookies.txt -f "bv*[height<=720]+ba/b"'
          PEEPSHOW_TRACE_SELECTION=1            print every frame decision and stage timing on stderr
          PEEPSHOW_SINK_PATH                    folders searched first for peepshow-sink-<name> (then peepshow's, then PATH)
          PEEPSHOW_SINK_TIMEOUT_SECONDS         seconds a sink may run before its process tree is killed (default 300)
          PEEPSHOW_HOME                         state folder: sinks.json, outbox/, runs.jsonl, env-trust.json (default ~/.peepshow)
          PEEPSHOW_ENV_FILE                     a dotenv file to read instead of ./.env (trusted without allowing)
          PEEPSHOW_AUTO_SINKS_FILE              the auto-sinks file (default $PEEPSHOW_HOME/sinks.json)
          PEEPSHOW_TRANSCRIBE                   transcription provider or off (default: whisper-cpp when installed)
          PEEPSHOW_TRANSCRIBE_MODEL, _LANGUAGE  model (whisper-cpp default base.en) and language (default auto)
          OPENAI_API_KEY, GROQ_API_KEY          keys for --transcribe openai / groq
        """;

    /// <summary>Wraps the generated help so the root command's help ends with <see cref="Epilogue"/>.</summary>
    public static void Extend(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().FirstOrDefault();
        if (help?.Action is HelpAction generated)
            help.Action = new ExtendedHelpAction(generated);
    }

    private sealed class ExtendedHelpAction(HelpAction generated) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var command = parseResult.CommandResult.Command;
            if (command is RootCommand)
            {
                var code = generated.Invoke(parseResult);
                parseResult.InvocationConfiguration.Output.WriteLine(Epilogue.TrimEnd());
                return code;
            }
            // The root's <input> is not an argument of `peepshow sinks list` or `peepshow hook user-prompt`:
            // hidden while a subcommand's usage and arguments are written.
            var rootArguments = parseResult.RootCommandResult.Command.Arguments.Where(a => !a.Hidden).ToList();
            rootArguments.ForEach(a => a.Hidden = true);
            try
            {
                var code = generated.Invoke(parseResult);
                HelpExamples.Write(command, parseResult.InvocationConfiguration.Output);
                return code;
            }
            finally
            {
                rootArguments.ForEach(a => a.Hidden = false);
            }
        }
    }
}
