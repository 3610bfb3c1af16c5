using System.Text.Json.Serialization;

namespace Peepshow.Core.Agents;

/// <summary>
/// The part of Claude Code's <c>UserPromptSubmit</c> hook input peepshow reads. The input carries more
/// (session id, transcript path, permission mode, …); unknown fields are ignored so newer Claude Code
/// versions keep working.
/// </summary>
public sealed record UserPromptHookInput
{
    [JsonPropertyName("hook_event_name")]
    public string? HookEventName { get; init; }

    [JsonPropertyName("prompt")]
    public string? Prompt { get; init; }

    /// <summary>The session's working directory: relative paths in the prompt are relative to it.</summary>
    [JsonPropertyName("cwd")]
    public string? Cwd { get; init; }
}
