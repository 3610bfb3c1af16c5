using System.Runtime.InteropServices;

namespace Peepshow.Core.Media;

/// <summary>The one command that installs ffmpeg on the machine peepshow runs on.</summary>
public static class InstallHint
{
    public static string ForThisMachine()
    {
        if (OperatingSystem.IsMacOS())
            return "brew install ffmpeg";
        if (OperatingSystem.IsWindows())
            return "winget install --id Gyan.FFmpeg";
        return ForLinux(ReadOsRelease());
    }

    /// <summary>Maps <c>/etc/os-release</c> ID and ID_LIKE to the distribution's package manager.</summary>
    internal static string ForLinux(IReadOnlyDictionary<string, string> osRelease)
    {
        var ids = new List<string>();
        if (osRelease.TryGetValue("ID", out var id))
            ids.Add(id);
        if (osRelease.TryGetValue("ID_LIKE", out var like))
            ids.AddRange(like.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var sudo = Environment.UserName == "root" ? "" : "sudo ";
        foreach (var distro in ids)
        {
            switch (distro)
            {
                case "debian" or "ubuntu" or "linuxmint" or "pop" or "raspbian":
                    return $"{sudo}apt-get install -y ffmpeg";
                case "fedora" or "rhel" or "centos" or "rocky" or "almalinux":
                    return $"{sudo}dnf install -y ffmpeg";
                case "arch" or "manjaro" or "endeavouros":
                    return $"{sudo}pacman -S ffmpeg";
                case "alpine":
                    return $"{sudo}apk add ffmpeg";
                case "opensuse" or "opensuse-leap" or "opensuse-tumbleweed" or "suse" or "sles":
                    return $"{sudo}zypper install ffmpeg";
                case "nixos":
                    return "nix-env -iA nixpkgs.ffmpeg";
            }
        }
        return RuntimeInformation.OSArchitecture is Architecture.X64 or Architecture.Arm64
            ? "your package manager's ffmpeg package (or a static build from https://ffmpeg.org/download.html)"
            : "ffmpeg from https://ffmpeg.org/download.html";
    }

    private static Dictionary<string, string> ReadOsRelease()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var line in File.ReadLines("/etc/os-release"))
            {
                var eq = line.IndexOf('=');
                if (eq > 0)
                    values[line[..eq]] = line[(eq + 1)..].Trim('"', '\'').ToLowerInvariant();
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return values;
    }
}
