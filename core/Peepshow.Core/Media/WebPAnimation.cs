using System.Runtime.InteropServices;

namespace Peepshow.Core.Media;

/// <summary>
/// Animated WebP through libwebp's animation API (<c>WebPAnimDecoder</c> in libwebpdemux), because the
/// ffmpeg 5.1 of Debian 12 cannot decode animated WebP and would produce garbage or nothing. Frames come
/// out as full RGBA canvases with their end timestamps in milliseconds.
/// </summary>
public sealed unsafe class WebPAnimation : IDisposable
{
    // WEBP_DEMUX_ABI_VERSION of libwebp 1.x; the library accepts any minor version of the same major.
    private const int DemuxAbiVersion = 0x0107;
    private const int ModeRgba = 1;

    private static readonly Lazy<Api?> Native = new(Api.Load);

    private readonly IntPtr _bytes;
    private readonly IntPtr _decoder;
    private bool _disposed;

    private WebPAnimation(IntPtr bytes, IntPtr decoder, int width, int height, int frameCount, int loopCount)
    {
        _bytes = bytes;
        _decoder = decoder;
        Width = width;
        Height = height;
        FrameCount = frameCount;
        LoopCount = loopCount;
    }

    public int Width { get; }

    public int Height { get; }

    public int FrameCount { get; }

    public int LoopCount { get; }

    /// <summary>
    /// <c>PEEPSHOW_DISABLE_LIBWEBP=1</c> makes a run act as if libwebpdemux were not installed (<see cref="EnsureUsable"/>),
    /// so the refusal a user without it gets can be seen, and specified, on a machine that has it.
    /// </summary>
    public const string DisableVariable = "PEEPSHOW_DISABLE_LIBWEBP";

    /// <summary>Refuses (exit 4) when libwebpdemux is missing or disabled in <paramref name="env"/>, before anything is decoded.</summary>
    public static void EnsureUsable(string displayName, Func<string, string?> env)
    {
        if (env(DisableVariable) == "1" || Native.Value is null)
            throw Missing(displayName);
    }

    /// <summary>Opens an animated WebP; exit 4 when libwebpdemux is missing or the file is not a valid animation.</summary>
    public static WebPAnimation Open(string path, string displayName)
    {
        var api = Native.Value ?? throw Missing(displayName);

        var data = File.ReadAllBytes(path);
        var bytes = (IntPtr)NativeMemory.Alloc((nuint)data.Length);
        data.CopyTo(new Span<byte>((void*)bytes, data.Length));

        var options = new DecoderOptions();
        if (api.OptionsInit(&options, DemuxAbiVersion) == 0)
        {
            NativeMemory.Free((void*)bytes);
            throw new PeepshowException(ExitCodes.InputUnresolvable, $"the installed libwebpdemux is too old or too new to decode {displayName}");
        }
        options.ColorMode = ModeRgba;
        options.UseThreads = 1;

        var webpData = new WebPData { Bytes = bytes, Size = (nuint)data.Length };
        var decoder = api.DecoderNew(&webpData, &options, DemuxAbiVersion);
        if (decoder == IntPtr.Zero)
        {
            NativeMemory.Free((void*)bytes);
            throw new PeepshowException(ExitCodes.InputUnresolvable, $"{displayName} is not a valid animated WebP (libwebp could not parse it)");
        }
        var info = new AnimInfo();
        if (api.GetInfo(decoder, &info) == 0 || info.CanvasWidth == 0 || info.CanvasHeight == 0)
        {
            api.Delete(decoder);
            NativeMemory.Free((void*)bytes);
            throw new PeepshowException(ExitCodes.InputUnresolvable, $"{displayName} is not a valid animated WebP (no canvas size)");
        }
        return new WebPAnimation(bytes, decoder, (int)info.CanvasWidth, (int)info.CanvasHeight, (int)info.FrameCount, (int)info.LoopCount);
    }

    /// <summary>
    /// Decodes every frame from the start. <paramref name="onFrame"/> gets the frame number (0-based), its
    /// start and end in seconds, and the RGBA canvas, valid only during the call. Stops early when it returns false.
    /// </summary>
    public void Decode(Func<int, double, double, ReadOnlySpan<byte>, bool> onFrame, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var api = Native.Value!;
        api.Reset(_decoder);
        var previousEnd = 0;
        var index = 0;
        var canvasBytes = Width * Height * 4;
        while (api.HasMoreFrames(_decoder) != 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            byte* buffer;
            int timestamp;
            if (api.GetNext(_decoder, &buffer, &timestamp) == 0)
                throw new PeepshowException(ExitCodes.FfmpegFailed, $"libwebp failed to decode frame {index + 1} of the animation");
            var start = previousEnd / 1000.0;
            // Some encoders write 0 ms frames; they still show for an instant and keep their order.
            var end = Math.Max(timestamp, previousEnd) / 1000.0;
            previousEnd = Math.Max(timestamp, previousEnd);
            if (!onFrame(index++, start, end, new ReadOnlySpan<byte>(buffer, canvasBytes)))
                return;
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Native.Value?.Delete(_decoder);
        NativeMemory.Free((void*)_bytes);
    }

    private static PeepshowException Missing(string displayName) =>
        new(ExitCodes.InputUnresolvable,
            $"{displayName} is an animated WebP, which this ffmpeg cannot decode, and libwebp's animation library (libwebpdemux) is not installed")
        {
            Hint = "install it (Debian/Ubuntu: apt-get install libwebpdemux2; macOS: brew install webp), or convert the file to GIF or MP4 first",
        };

    [StructLayout(LayoutKind.Sequential)]
    private struct WebPData
    {
        public IntPtr Bytes;
        public nuint Size;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct DecoderOptions
    {
        public int ColorMode;
        public int UseThreads;
        public fixed uint Padding[7];
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct AnimInfo
    {
        public uint CanvasWidth;
        public uint CanvasHeight;
        public uint LoopCount;
        public uint BackgroundColor;
        public uint FrameCount;
        public fixed uint Padding[4];
    }

    /// <summary>The libwebpdemux entry points, resolved once by name: no DllImport, so a missing library is a clear message, not a crash.</summary>
    private sealed class Api
    {
        private static readonly string[] LibraryNames =
        [
            "libwebpdemux.so.2", "libwebpdemux.so", "libwebpdemux.2.dylib", "libwebpdemux.dylib", "libwebpdemux-2.dll", "libwebpdemux.dll",
        ];

        public delegate* unmanaged<DecoderOptions*, int, int> OptionsInit;
        public delegate* unmanaged<WebPData*, DecoderOptions*, int, IntPtr> DecoderNew;
        public delegate* unmanaged<IntPtr, AnimInfo*, int> GetInfo;
        public delegate* unmanaged<IntPtr, int> HasMoreFrames;
        public delegate* unmanaged<IntPtr, byte**, int*, int> GetNext;
        public delegate* unmanaged<IntPtr, void> Reset;
        public delegate* unmanaged<IntPtr, void> Delete;

        public static Api? Load()
        {
            foreach (var name in LibraryNames)
            {
                if (!NativeLibrary.TryLoad(name, out var handle))
                    continue;
                try
                {
                    return new Api
                    {
                        OptionsInit = (delegate* unmanaged<DecoderOptions*, int, int>)NativeLibrary.GetExport(handle, "WebPAnimDecoderOptionsInitInternal"),
                        DecoderNew = (delegate* unmanaged<WebPData*, DecoderOptions*, int, IntPtr>)NativeLibrary.GetExport(handle, "WebPAnimDecoderNewInternal"),
                        GetInfo = (delegate* unmanaged<IntPtr, AnimInfo*, int>)NativeLibrary.GetExport(handle, "WebPAnimDecoderGetInfo"),
                        HasMoreFrames = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(handle, "WebPAnimDecoderHasMoreFrames"),
                        GetNext = (delegate* unmanaged<IntPtr, byte**, int*, int>)NativeLibrary.GetExport(handle, "WebPAnimDecoderGetNext"),
                        Reset = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(handle, "WebPAnimDecoderReset"),
                        Delete = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(handle, "WebPAnimDecoderDelete"),
                    };
                }
                catch (EntryPointNotFoundException)
                {
                    NativeLibrary.Free(handle);
                }
            }
            return null;
        }
    }
}
