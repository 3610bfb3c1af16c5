namespace Peepshow.Core.Agents;

/// <summary>What a Claude Code hook prints on stdout (exit 0) to add context for the model.</summary>
public sealed record HookOutput(HookSpecificOutput HookSpecificOutput);
