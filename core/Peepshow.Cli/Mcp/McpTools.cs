using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace Peepshow.Cli.Mcp;

/// <summary>The tools <c>peepshow mcp</c> offers, with their input schemas (docs/mcp.md documents each).</summary>
internal static class McpTools
{
    public const string WatchVideo = "watch_video";
    public const string ListRuns = "list_runs";
    public const string GetRun = "get_run";

    public const int DefaultMaxFrames = 12;
    public const int DefaultListLimit = 20;

    public static IList<Tool> All { get; } =
    [
        new()
        {
            Name = WatchVideo,
            Title = "Watch a video",
            Description =
                "Watch a video or animated image (GIF, APNG, WebP): peepshow picks the frames that matter (scene cuts, new slides " +
                "or text, motion) and returns each as a JPEG (at most 768 px wide) after a line with its timestamp, the reason it " +
                "was kept and the words said while it was on screen, then the run's facts and where the auto-sinks delivered it. " +
                "Use start/end to look closer at a part, max_frames to bound the image tokens, sheet for one overview image.",
            InputSchema = Schema("""
                {
                  "type": "object",
                  "properties": {
                    "input": {
                      "type": "string",
                      "description": "The video: a local path (absolute, or relative to the server's working directory), an http(s) URL of a video file or of a page with one (YouTube, Vimeo, any page with a <video>; downloaded with yt-dlp when it is installed), or a data:video/...;base64, URI"
                    },
                    "start": {
                      "type": ["number", "string"],
                      "description": "Analyse from this point: seconds (12.5) or a clock time (\"1:05\"); timestamps stay relative to the whole video"
                    },
                    "end": {
                      "type": ["number", "string"],
                      "description": "Analyse up to this point: seconds or a clock time"
                    },
                    "max_frames": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 10000,
                      "default": 12,
                      "description": "Most frames to return; extra frames are evenly pruned. Each frame costs image tokens"
                    },
                    "transcribe": {
                      "type": ["boolean", "string"],
                      "description": "false: keep the audio but make no transcript. true or omitted: the transcriber peepshow is configured with (PEEPSHOW_TRANSCRIBE, else whisper-cpp when installed). Or a provider: whisper-cpp, openai, groq, custom"
                    },
                    "deliver": {
                      "type": "boolean",
                      "default": true,
                      "description": "Run the auto-sinks registered with 'peepshow sinks add' (Databricks, Cassandra, analytics...); false keeps the run local"
                    },
                    "sheet": {
                      "type": "boolean",
                      "default": false,
                      "description": "Return one contact sheet (all frames tiled in order, each with its number and timestamp burnt in, at most 2048 px wide) instead of one image per frame; the frame lines still come as text. get_run returns single frames later"
                    }
                  },
                  "required": ["input"],
                  "additionalProperties": false
                }
                """),
            Annotations = new ToolAnnotations { Title = "Watch a video", ReadOnlyHint = false, DestructiveHint = false, OpenWorldHint = true },
        },
        new()
        {
            Name = ListRuns,
            Title = "List recent peepshow runs",
            Description = "The runs peepshow finished most recently (CLI and MCP alike), newest first: run id, time, input, frame count and title. " +
                          "A run whose folder was deleted or moved is marked missing.",
            InputSchema = Schema("""
                {
                  "type": "object",
                  "properties": {
                    "limit": { "type": "integer", "minimum": 1, "maximum": 1000, "default": 20, "description": "How many runs to list" }
                  },
                  "additionalProperties": false
                }
                """),
            Annotations = new ToolAnnotations { Title = "List recent peepshow runs", ReadOnlyHint = true, OpenWorldHint = false },
        },
        new()
        {
            Name = GetRun,
            Title = "Get a peepshow run",
            Description = "An earlier run by its run id (from list_runs or watch_video): its payload, and its frames as JPEGs (at most 768 px wide) with " +
                          "their timestamps and what was said, all of them or the ones asked for, or all of them as one contact sheet (sheet).",
            InputSchema = Schema("""
                {
                  "type": "object",
                  "properties": {
                    "run_id": { "type": "string", "description": "The run id, like 20261205T143012345-k3x9q2" },
                    "frames": {
                      "type": "array",
                      "items": { "type": "integer", "minimum": 1 },
                      "description": "1-based frame numbers to return as images; all frames when omitted, none for []"
                    },
                    "sheet": {
                      "type": "boolean",
                      "description": "Return one contact sheet (all frames tiled in order, each with its number and timestamp burnt in, at most 2048 px wide) instead of one image per frame, drawn now if the run has none yet; not with frames"
                    }
                  },
                  "required": ["run_id"],
                  "additionalProperties": false
                }
                """),
            Annotations = new ToolAnnotations { Title = "Get a peepshow run", ReadOnlyHint = true, OpenWorldHint = false },
        },
    ];

    private static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
