using Peepshow.Core.Extraction;

namespace Peepshow.Core.Tests.Extraction;

/// <summary>Synthetic analysis pictures: a background with boxes standing in for text, objects, a cursor.</summary>
internal static class Pictures
{
    public static readonly AnalysisSize Size = new(256, 144);

    public static AnalysisImage Solid(byte y, byte u = 128, byte v = 128)
    {
        var image = new AnalysisImage(Size);
        Array.Fill(image.Y, y);
        Array.Fill(image.U, u);
        Array.Fill(image.V, v);
        return image;
    }

    /// <summary>A copy with a filled luma rectangle.</summary>
    public static AnalysisImage WithBox(this AnalysisImage source, int x, int y, int width, int height, byte luma)
    {
        var image = Copy(source);
        for (var row = y; row < y + height; row++)
            Array.Fill(image.Y, luma, row * Size.Width + x, width);
        return image;
    }

    /// <summary>A copy with "a line of text": alternating bright strokes, like glyphs.</summary>
    public static AnalysisImage WithText(this AnalysisImage source, int x, int y, int length, int seed)
    {
        var image = source;
        var random = new Random(seed);
        for (var i = 0; i < length; i++)
        {
            var height = random.Next(3, 8);
            image = image.WithBox(x + i * 3, y + (8 - height), 2, height, 230);
        }
        return image;
    }

    /// <summary>A copy with every sample moved by noise of ±amplitude.</summary>
    public static AnalysisImage WithNoise(this AnalysisImage source, int amplitude, int seed)
    {
        var image = Copy(source);
        var random = new Random(seed);
        for (var i = 0; i < image.Y.Length; i++)
            image.Y[i] = (byte)Math.Clamp(image.Y[i] + random.Next(-amplitude, amplitude + 1), 0, 255);
        return image;
    }

    /// <summary>A horizontal luma ramp shifted by <paramref name="phase"/>: content that moves everywhere.</summary>
    public static AnalysisImage Ramp(double phase)
    {
        var image = Solid(0);
        for (var y = 0; y < Size.Height; y++)
            for (var x = 0; x < Size.Width; x++)
                image.Y[y * Size.Width + x] = (byte)(127 + 100 * Math.Sin((x + phase) / 20.0));
        return image;
    }

    public static AnalysisImage Copy(AnalysisImage source)
    {
        var image = new AnalysisImage(source.Size);
        source.Y.CopyTo(image.Y, 0);
        source.U.CopyTo(image.U, 0);
        source.V.CopyTo(image.V, 0);
        return image;
    }

    /// <summary>Feeds <paramref name="picture"/> at 10 fps from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static void Hold(this FrameSelector selector, AnalysisImage picture, double from, double to, Func<int, AnalysisImage, AnalysisImage>? vary = null)
    {
        var n = 0;
        for (var t = from; t < to - 1e-9; t += 0.1)
            selector.Push(Math.Round(t, 3), vary is null ? picture : vary(n++, picture));
    }
}
