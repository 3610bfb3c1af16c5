namespace Peepshow.Core.Processes;

/// <summary>Writes an argument so that <c>/bin/sh</c> reads it back exactly: for command lines shown to people and agents.</summary>
public static class ShellWord
{
    /// <summary>The argument as is when it holds only characters no shell treats specially, else single-quoted.</summary>
    public static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./:=,+@%".Contains(c))
            ? arg
            : $"'{arg.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
