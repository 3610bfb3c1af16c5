using System.Text;
using Peepshow.Core.Inputs;

namespace Peepshow.Core.Tests.Inputs;

public sealed class MediaSnifferSpecs
{
    [Theory]
    [InlineData("\0\0\0\u0020ftypisom", "mp4")]
    [InlineData("\0\0\0\u0014ftypqt  ", "mov")]
    [InlineData("\0\0\0\u0018ftyp3gp4", "3gp")]
    [InlineData("GIF89a\u0001\0", "gif")]
    [InlineData("RIFF\0\0\0\0WEBPVP8 ", "webp")]
    [InlineData("RIFF\0\0\0\0AVI LIST", "avi")]
    [InlineData("FLV\u0001", "flv")]
    [InlineData("OggS\0\u0002", "ogv")]
    public void I_can_name_a_container_from_its_first_bytes(string head, string extension)
    {
        Assert.Equal(extension, MediaSniffer.Extension(Encoding.Latin1.GetBytes(head)));
    }

    [Fact]
    public void Matroska_and_webm_are_told_apart_by_the_doctype()
    {
        byte[] ebml = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x84];

        Assert.Equal("webm", MediaSniffer.Extension([.. ebml, .. "webm"u8]));
        Assert.Equal("mkv", MediaSniffer.Extension([.. ebml, .. "matroska"u8]));
    }

    [Fact]
    public void A_png_with_an_animation_chunk_before_its_image_data_is_an_apng()
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

        Assert.Equal("apng", MediaSniffer.Extension([.. signature, .. "....IHDR....acTL....IDAT"u8]));
        Assert.Equal("png", MediaSniffer.Extension([.. signature, .. "....IHDR....IDAT"u8]));
    }

    [Fact]
    public void An_animated_webp_is_recognised_by_its_vp8x_animation_flag()
    {
        var animated = Encoding.Latin1.GetBytes("RIFF\0\0\0\0WEBPVP8X\u000A\0\0\0\u0012\0\0\0");
        var still = Encoding.Latin1.GetBytes("RIFF\0\0\0\0WEBPVP8 \u000A\0\0\0\0\0\0\0\0");

        Assert.True(MediaSniffer.IsAnimatedWebP(animated));
        Assert.False(MediaSniffer.IsAnimatedWebP(still));
    }

    [Fact]
    public void Text_is_not_a_container()
    {
        Assert.Null(MediaSniffer.Extension("this is not a video at all"u8));
    }

    [Fact]
    public void Text_is_recognised_so_a_renamed_note_gets_a_plain_message()
    {
        Assert.True(MediaSniffer.LooksLikeText("meeting notes\n- ship it\n"u8));
        Assert.True(MediaSniffer.LooksLikeText("<html><body>404</body></html>"u8));
        Assert.False(MediaSniffer.LooksLikeText([0, 0, 0, 0x20, .. "ftypisom"u8]));
        Assert.False(MediaSniffer.LooksLikeText([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]));
    }
}
