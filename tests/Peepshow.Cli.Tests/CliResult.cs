namespace Peepshow.Testing;

/// <summary>What a run of the CLI did.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<string> StdoutLines => StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> StderrLines => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}
