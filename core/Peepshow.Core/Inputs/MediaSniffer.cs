using System.Text;

namespace Peepshow.Core.Inputs;

/// <summary>
/// Names a container from its first bytes, for inputs that arrive without a trustworthy file name
/// (stdin, URLs without an extension). ffmpeg probes content anyway; the extension is for people,
/// sinks' <c>--when extension=…</c> rules and the copy's file name.
/// </summary>
public static class MediaSniffer
{
    /// <summary>How many leading bytes <see cref="Extension"/> wants to see.</summary>
    public const int HeaderSize = 4096;

    public static string? Extension(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(head[8..12]);
            return brand switch
            {
                "qt  " => "mov",
                "M4V " or "M4VH" or "M4VP" => "m4v",
                _ when brand.StartsWith("3g", StringComparison.Ordinal) => "3gp",
                _ => "mp4",
            };
        }
        if (head.Length >= 4 && head[..4].SequenceEqual((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
            return head.IndexOf("webm"u8) >= 0 ? "webm" : "mkv";
        if (head.Length >= 6 && (head[..6].SequenceEqual("GIF87a"u8) || head[..6].SequenceEqual("GIF89a"u8)))
            return "gif";
        if (head.Length >= 8 && head[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            return IsAnimatedPng(head) ? "apng" : "png";
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8))
        {
            if (head[8..12].SequenceEqual("WEBP"u8))
                return "webp";
            if (head[8..12].SequenceEqual("AVI "u8))
                return "avi";
        }
        if (head.Length >= 3 && head[..3].SequenceEqual("FLV"u8))
            return "flv";
        if (head.Length >= 4 && head[..4].SequenceEqual("OggS"u8))
            return "ogv";
        if (head.Length >= 4 && head[..4].SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0xBA]))
            return "mpg";
        if (head.Length >= 16 && head[..16].SequenceEqual((ReadOnlySpan<byte>)[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C]))
            return "wmv";
        if (head.Length >= 377 && head[0] == 0x47 && head[188] == 0x47 && head[376] == 0x47)
            return "ts";
        return null;
    }

    /// <summary>APNG announces itself with an <c>acTL</c> chunk before the first <c>IDAT</c>.</summary>
    public static bool IsAnimatedPng(ReadOnlySpan<byte> head)
    {
        var actl = head.IndexOf("acTL"u8);
        var idat = head.IndexOf("IDAT"u8);
        return actl >= 0 && (idat < 0 || actl < idat);
    }

    /// <summary>True for a WebP whose VP8X header has the animation flag, or that carries an ANIM chunk.</summary>
    public static bool IsAnimatedWebP(ReadOnlySpan<byte> head)
    {
        if (head.Length < 21 || !head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WEBP"u8))
            return false;
        if (head[12..16].SequenceEqual("VP8X"u8) && (head[20] & 0x02) != 0)
            return true;
        return head.IndexOf("ANIM"u8) >= 0;
    }

    /// <summary>Printable UTF-8 with line breaks and no NUL: notes, HTML, JSON, an error page saved as .mp4.</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty || head.IndexOf((byte)0) >= 0 || Extension(head) is not null)
            return false;
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(head[..Math.Max(0, head.Length - 4)]);
            return text.All(c => !char.IsControl(c) || c is '\n' or '\r' or '\t');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// A web page: after an optional byte order mark, blanks and comments, <c>&lt;!doctype html</c>, <c>&lt;html</c>
    /// or <c>&lt;head</c>. What a server labelled octet-stream, or did not label, is told apart by this.
    /// </summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            head = head[3..];
        var text = Encoding.ASCII.GetString(head[..Math.Min(head.Length, 1024)]);
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
            if (string.CompareOrdinal(text, i, "<!--", 0, 4) != 0)
                break;
            var end = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
            if (end < 0)
                return false;
            i = end + 3;
        }
        var rest = text[i..];
        return rest.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
               || rest.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
               || rest.StartsWith("<head", StringComparison.OrdinalIgnoreCase);
    }

    public static byte[] ReadHead(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[HeaderSize];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = file.Read(buffer, read, buffer.Length - read)) > 0)
            read += n;
        return buffer[..read];
    }
}
