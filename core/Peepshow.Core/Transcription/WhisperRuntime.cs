using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Whisper.net;
using Whisper.net.LibraryLoader;

namespace Peepshow.Core.Transcription;

/// <summary>
/// Whisper.net's native runtime (libwhisper and its ggml libraries from the Whisper.net.Runtime package),
/// found in <c>runtimes/&lt;os&gt;-&lt;arch&gt;/</c> beside the peepshow binary and loaded by peepshow itself.
/// Why not Whisper.net's own loader: it decides "AVX is missing" from <c>Avx.IsSupported</c>, which a Native AOT
/// binary built for the default x86-64 baseline reports as false on every CPU (and a v3 baseline would make the
/// whole binary die with an illegal instruction on older CPUs, transcript or not). So the CPU is asked directly
/// (CPUID), the libraries are loaded in dependency order, and Whisper.net is told they are loaded.
/// A missing runtime or an unsuitable CPU is one line (<see cref="Check"/>), never a crash.
/// </summary>
public static class WhisperRuntime
{
    /// <summary>Loaded before libwhisper, which links against them by soname (the order Whisper.net uses).</summary>
    private static readonly string[] Dependencies = ["ggml-base-whisper", "ggml-cpu-whisper", "ggml-whisper"];

    private static readonly Lock Gate = new();
    private static string? _loadError;
    private static bool _loaded;

    /// <summary>The runtime folder name Whisper.net.Runtime uses for this machine (<c>linux-x64</c>, <c>macos-arm64</c>, <c>win-x64</c>).</summary>
    public static string? RuntimeId { get; } = DetectRuntimeId();

    /// <summary>Where the native libraries must be: <c>runtimes/&lt;id&gt;/</c> next to the executable.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeId ?? "unsupported");

    /// <summary>Why in-process transcription cannot run from <paramref name="directory"/>, as one actionable line; null when it can.</summary>
    public static string? Check(string directory)
    {
        if (RuntimeId is null)
            return $"the whisper provider has no native runtime for {RuntimeInformation.OSDescription.Trim()} {RuntimeInformation.ProcessArchitecture}";
        if (MissingCpuFeatures() is { } missing)
            return $"this CPU lacks {missing}, which the whisper provider's runtime needs (x86-64 since Intel Haswell/AMD Zen); use whisper-cli (whisper.cpp) instead";
        if (!File.Exists(LibraryPath(directory, "whisper")))
            return $"the whisper provider's native runtime is missing: {LibraryPath(directory, "whisper")} (keep the runtimes/ folder next to the peepshow binary)";
        return null;
    }

    /// <summary>Loads the runtime once per process and hands it to Whisper.net; the error line when it cannot.</summary>
    public static string? EnsureLoaded(string directory)
    {
        lock (Gate)
        {
            if (_loaded || _loadError is not null)
                return _loadError;
            _loadError = Load(directory);
            _loaded = _loadError is null;
            return _loadError;
        }
    }

    private static string? Load(string directory)
    {
        if (Check(directory) is { } problem)
            return problem;
        foreach (var dependency in Dependencies)
        {
            var path = LibraryPath(directory, dependency);
            if (File.Exists(path) && !NativeLibrary.TryLoad(path, out _))
                return $"cannot load the whisper provider's native library {path}";
        }
        if (!NativeLibrary.TryLoad(LibraryPath(directory, "whisper"), out var whisper))
            return $"cannot load the whisper provider's native library {LibraryPath(directory, "whisper")}";

        // Whisper.net binds its functions to "libwhisper" when the host says it loaded the library itself.
        NativeLibrary.SetDllImportResolver(typeof(WhisperFactory).Assembly, (name, _, _) => name is "libwhisper" or "whisper" ? whisper : IntPtr.Zero);
        RuntimeOptions.LoadedLibrary = RuntimeLibrary.Cpu;
        return null;
    }

    private static string LibraryPath(string directory, string name) =>
        Path.Combine(directory, OperatingSystem.IsWindows() ? $"{name}.dll" : OperatingSystem.IsMacOS() ? $"lib{name}.dylib" : $"lib{name}.so");

    private static string? DetectRuntimeId()
    {
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "macos" : OperatingSystem.IsWindows() ? "win" : null;
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            _ => null,
        };
        return os is null || arch is null ? null : $"{os}-{arch}";
    }

    /// <summary>
    /// The x86 features the prebuilt CPU backend is compiled for (AVX, AVX2, FMA, F16C), read with CPUID so the
    /// answer does not depend on the instruction set the peepshow binary itself was compiled for.
    /// </summary>
    private static string? MissingCpuFeatures()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64 || !X86Base.IsSupported)
            return null;
        var maxLeaf = X86Base.CpuId(0, 0).Eax;
        var leaf1 = X86Base.CpuId(1, 0).Ecx;
        var leaf7 = maxLeaf >= 7 ? X86Base.CpuId(7, 0).Ebx : 0;
        var missing = new List<string>();
        // OSXSAVE (bit 27): the OS saves the AVX registers; without it AVX instructions fault.
        if ((leaf1 & (1 << 28)) == 0 || (leaf1 & (1 << 27)) == 0)
            missing.Add("AVX");
        if ((leaf7 & (1 << 5)) == 0)
            missing.Add("AVX2");
        if ((leaf1 & (1 << 12)) == 0)
            missing.Add("FMA");
        if ((leaf1 & (1 << 29)) == 0)
            missing.Add("F16C");
        return missing.Count == 0 ? null : string.Join(", ", missing);
    }
}
