namespace Peepshow.Protocol.Hosting;

/// <summary>
/// An expected sink failure: <see cref="SinkApp"/> prints <see cref="Exception.Message"/> as one stderr line
/// and exits with <see cref="ExitCode"/>. Anything else is a bug and exits 1.
/// </summary>
public sealed class SinkException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;

    public static SinkException Config(string message) => new(SinkExitCodes.InvalidConfig, message);

    public static SinkException MalformedInput(string message) => new(SinkExitCodes.MalformedInput, message);

    public static SinkException Remote(string message, Exception? inner = null) => new(SinkExitCodes.RemoteFailure, message, inner);

    public static SinkException MissingDependency(string message) => new(SinkExitCodes.MissingDependency, message);
}
