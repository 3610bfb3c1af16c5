namespace Peepshow.Core.Extraction;

/// <summary>
/// Raw frames are megabytes each; with Linux's default 64 KB pipe every frame costs dozens of wake-ups on
/// both sides. A 1 MB pipe (F_SETPIPE_SZ) cuts the reader's CPU time noticeably. Best effort, Linux only.
/// </summary>
internal static partial class PipeTuning
{
    private const int SetPipeSize = 1031;

    public static void Enlarge(Stream stream, int bytes = 1 << 20)
    {
        if (!OperatingSystem.IsLinux() || stream is not System.IO.Pipes.PipeStream pipe)
            return;
        try
        {
            _ = Fcntl((int)pipe.SafePipeHandle.DangerousGetHandle(), SetPipeSize, bytes);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "fcntl")]
    private static partial int Fcntl(int fd, int command, int argument);
}
