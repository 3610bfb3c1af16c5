using Peepshow.Core.Extraction;

namespace Peepshow.Core.Tests.Extraction;

public sealed class ImageMathSpecs
{
    private static readonly AnalysisImage Background = Pictures.Solid(40);

    [Fact]
    public void Identical_pictures_score_zero_everywhere()
    {
        var blocks = new float[Pictures.Size.BlockCount];

        var mafd = ImageMath.BlockDiffs(Background, Pictures.Copy(Background), blocks);

        Assert.Equal(0, mafd);
        Assert.All(blocks, b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(16, 16)]
    [InlineData(13, 13)]
    [InlineData(21, 27)]
    public void A_small_change_scores_the_same_wherever_it_falls_on_the_block_grid(int x, int y)
    {
        var blocks = new float[Pictures.Size.BlockCount];
        var aligned = new float[Pictures.Size.BlockCount];

        ImageMath.BlockDiffs(Background, Background.WithBox(x, y, 6, 6, 200), blocks);
        ImageMath.BlockDiffs(Background, Background.WithBox(16, 16, 6, 6, 200), aligned);

        Assert.Equal(aligned.Max(), blocks.Max(), 3);
        Assert.True(blocks.Max() > new SelectionOptions().ContentBlockThreshold);
    }

    [Fact]
    public void One_block_score_equals_the_whole_picture_pass()
    {
        var changed = Background.WithText(30, 40, 20, seed: 7);
        var blocks = new float[Pictures.Size.BlockCount];

        ImageMath.BlockDiffs(Background, changed, blocks);

        Assert.All(Enumerable.Range(0, blocks.Length), b => Assert.Equal(blocks[b], ImageMath.BlockDiff(Background, changed, b), 3));
    }

    [Fact]
    public void Noise_a_few_levels_strong_never_counts_as_a_change()
    {
        var blocks = new float[Pictures.Size.BlockCount];

        ImageMath.BlockDiffs(Background.WithNoise(3, seed: 1), Background.WithNoise(3, seed: 2), blocks);

        Assert.True(blocks.Max() < new SelectionOptions().StableBlockThreshold, $"max {blocks.Max()}");
    }

    [Theory]
    [InlineData(10, 10, 0.0)]
    [InlineData(40, 5, 0.35)]
    [InlineData(40, 30, 0.1)]
    [InlineData(250, 0, 1.0)]
    public void The_scene_score_is_ffmpegs_min_of_mafd_and_its_jump(double mafd, double previous, double score)
    {
        Assert.Equal(score, ImageMath.SceneScore(mafd, previous), 6);
    }

    [Fact]
    public void A_flat_picture_with_noise_hashes_alike_because_unsure_bits_are_ignored()
    {
        var a = ImageMath.DHash(Background.WithNoise(2, seed: 3));
        var b = ImageMath.DHash(Background.WithNoise(2, seed: 4));
        var different = ImageMath.DHash(Pictures.Ramp(0));

        Assert.Equal(0, a.DistanceTo(b));
        Assert.True(a.DistanceTo(different) > 5);
    }

    [Fact]
    public void Only_uniform_dark_pictures_are_black()
    {
        Assert.True(ImageMath.IsBlack(Pictures.Solid(16)));
        Assert.False(ImageMath.IsBlack(Pictures.Solid(16).WithBox(10, 10, 60, 30, 200)));
        Assert.False(ImageMath.IsBlack(Pictures.Solid(120)));
    }
}
