namespace Peepshow.Core.Agents;

/// <summary>The event-specific part of <see cref="HookOutput"/>: for a prompt, text added before Claude reads it.</summary>
public sealed record HookSpecificOutput(string HookEventName, string AdditionalContext);
