namespace Peepshow.Core.Processes;

/// <summary>The program does not exist or is not executable. The inner exception is the OS's reason.</summary>
public sealed class CommandStartException(string targetFilePath, Exception inner)
    : Exception($"cannot start '{targetFilePath}': {inner.Message}", inner)
{
    public string TargetFilePath { get; } = targetFilePath;
}
