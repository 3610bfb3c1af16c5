using Peepshow.Core.Extraction;

namespace Peepshow.Core.Tests.Extraction;

public sealed class AreaScalerSpecs
{
    [Fact]
    public void A_plain_plane_stays_plain()
    {
        var source = Enumerable.Repeat((byte)173, 1280 * 720).ToArray();
        var target = new byte[384 * 224];

        new AreaScaler(1280, 720, 384, 224).Scale(source, target);

        Assert.All(target, value => Assert.Equal(173, value));
    }

    [Fact]
    public void Halving_averages_each_two_by_two_block()
    {
        var source = Noise(64, 48, seed: 1);
        var target = new byte[32 * 24];

        new AreaScaler(64, 48, 32, 24).Scale(source, target);

        for (var y = 0; y < 24; y++)
        {
            for (var x = 0; x < 32; x++)
            {
                var sum = source[2 * y * 64 + 2 * x] + source[2 * y * 64 + 2 * x + 1] + source[(2 * y + 1) * 64 + 2 * x] + source[(2 * y + 1) * 64 + 2 * x + 1];
                Assert.InRange(target[y * 32 + x], Math.Floor(sum / 4.0), Math.Ceiling(sum / 4.0));
            }
        }
    }

    [Theory]
    [InlineData(1280, 720, 384, 224)]
    [InlineData(640, 360, 192, 112)]
    [InlineData(1920, 1080, 384, 208)]
    [InlineData(1000, 562, 384, 224)]
    [InlineData(400, 300, 384, 288)]
    [InlineData(17, 9, 5, 3)]
    public void Each_pixel_is_the_average_of_the_source_area_it_covers_weighted_by_how_much_of_each_pixel_falls_inside(int sourceWidth, int sourceHeight, int width, int height)
    {
        var source = Noise(sourceWidth, sourceHeight, seed: sourceWidth);
        var target = new byte[width * height];

        new AreaScaler(sourceWidth, sourceHeight, width, height).Scale(source, target);

        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
                Assert.InRange(target[y * width + x] - ExactArea(source, sourceWidth, sourceHeight, width, height, x, y), -1.5, 1.5);
        }
    }

    [Fact]
    public void It_never_enlarges()
    {
        Assert.Throws<ArgumentException>(() => new AreaScaler(100, 100, 101, 50));
    }

    // The exact box filter in floating point. The scaler rounds each source pixel's share to 1/256 per axis,
    // which on random noise (the worst case) moves a pixel by at most about one and a half levels.
    private static double ExactArea(byte[] source, int sourceWidth, int sourceHeight, int width, int height, int x, int y)
    {
        var (scaleX, scaleY) = (sourceWidth / (double)width, sourceHeight / (double)height);
        var (left, right, top, bottom) = (x * scaleX, (x + 1) * scaleX, y * scaleY, (y + 1) * scaleY);
        var sum = 0.0;
        for (var sy = (int)top; sy < Math.Min(sourceHeight, Math.Ceiling(bottom)); sy++)
        {
            var wy = Math.Min(sy + 1, bottom) - Math.Max(sy, top);
            for (var sx = (int)left; sx < Math.Min(sourceWidth, Math.Ceiling(right)); sx++)
                sum += source[sy * sourceWidth + sx] * wy * (Math.Min(sx + 1, right) - Math.Max(sx, left));
        }
        return sum / (scaleX * scaleY);
    }

    private static byte[] Noise(int width, int height, int seed)
    {
        var bytes = new byte[width * height];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
