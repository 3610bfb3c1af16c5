using System.Text;
using System.Text.Json;
using Peepshow.Core.Processes;

namespace Peepshow.Core.Agents;

/// <summary>
/// Claude Code's <c>UserPromptSubmit</c> hook: reads the hook input JSON, and when the prompt names
/// videos or animated images that exist (or http(s) URLs of videos) answers with context that tells
/// Claude to watch them with <c>/peepshow:slides</c>. A hook must never stand in the user's way, so
/// every problem (bad JSON, a huge or slow stdin, unreadable folders) means no answer at all.
/// </summary>
public static class UserPromptHook
{
    public const string EventName = "UserPromptSubmit";

    /// <summary>Larger input is not read: a prompt that big is pasted text, not a request to watch a file.</summary>
    public const int MaxInputBytes = 4 * 1024 * 1024;

    /// <summary>Claude Code closes stdin right away; a stdin left open must not keep the prompt waiting.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The JSON to print, or null to print nothing. Never throws.</summary>
    /// <param name="workingDirectory">Where relative paths start when the input names no <c>cwd</c>.</param>
    /// <param name="home">The user's home folder (<c>~</c> in the prompt).</param>
    public static async Task<string?> RespondAsync(Stream stdin, string workingDirectory, string home, CancellationToken cancellationToken)
    {
        try
        {
            var json = await ReadCappedAsync(stdin, cancellationToken);
            if (json is null)
                return null;
            var input = JsonSerializer.Deserialize(json, CoreJsonContext.Default.UserPromptHookInput);
            if (input?.Prompt is not { Length: > 0 } prompt || input.HookEventName is { } name && name != EventName)
                return null;
            // A relative "cwd" (the help's own example sends ".") starts where the hook runs.
            var cwd = input.Cwd is { Length: > 0 } given ? Path.GetFullPath(given, workingDirectory) : workingDirectory;
            var mentions = VideoMentions.Find(prompt, cwd, home);
            if (mentions.Count == 0)
                return null;
            var output = new HookOutput(new HookSpecificOutput(EventName, Context(mentions)));
            return JsonSerializer.Serialize(output, CoreJsonContext.Default.HookOutput);
        }
        catch (Exception)
        {
            // Whatever went wrong, the prompt goes through unchanged.
            return null;
        }
    }

    /// <summary>The note Claude reads before the prompt: which videos, and the exact command for each.</summary>
    public static string Context(IReadOnlyList<VideoMention> mentions)
    {
        var text = new StringBuilder();
        text.Append(mentions.Count == 1
            ? "The user's prompt refers to a video or animated image. "
            : $"The user's prompt refers to {mentions.Count} videos or animated images. ");
        text.Append("Watch before answering: the peepshow plugin's slides skill extracts the key frames, ");
        text.Append("the transcript and the sink delivery links; run it, then read the frames it lists.");
        foreach (var mention in mentions)
            text.Append("\n- /peepshow:slides ").Append(ShellWord.Quote(mention.Input));
        return text.ToString();
    }

    private static async Task<string?> ReadCappedAsync(Stream stdin, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        while (true)
        {
            // A pipe read ignores the token; WaitAsync lets the timeout through anyway.
            var n = await stdin.ReadAsync(chunk, timeout.Token).AsTask().WaitAsync(timeout.Token);
            if (n == 0)
                break;
            if (buffer.Length + n > MaxInputBytes)
                return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.Length == 0 ? null : Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
