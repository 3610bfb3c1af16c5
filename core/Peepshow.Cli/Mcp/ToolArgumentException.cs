namespace Peepshow.Cli.Mcp;

/// <summary>A tool call whose arguments are wrong: reported to the client as a tool error, like a CLI parse error.</summary>
internal sealed class ToolArgumentException(string message) : Exception(message);
