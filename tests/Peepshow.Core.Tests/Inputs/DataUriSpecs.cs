using Peepshow.Core.Inputs;

namespace Peepshow.Core.Tests.Inputs;

public sealed class DataUriSpecs
{
    [Theory]
    [InlineData("data:video/mp4;base64,AAAAIGZ0eXA=", "video/mp4", "mp4")]
    [InlineData("data:video/quicktime;base64,AAAA", "video/quicktime", "mov")]
    [InlineData("data:image/gif;base64,R0lGODlh", "image/gif", "gif")]
    [InlineData("data:image/apng;base64,iVBORw0K", "image/apng", "apng")]
    [InlineData("data:image/webp;base64,UklGRg==", "image/webp", "webp")]
    [InlineData("data:image/png;base64,iVBORw0K", "image/png", "png")]
    [InlineData("data:video/mp4;codecs=avc1;base64,AAAA", "video/mp4", "mp4")]
    [InlineData("data:VIDEO/WEBM;BASE64,GkXfow==", "video/webm", "webm")]
    public void I_can_read_video_and_animated_image_data_uris(string uri, string mediaType, string extension)
    {
        var data = DataUri.Parse(uri);

        Assert.Equal(mediaType, data.MediaType);
        Assert.Equal(extension, data.Extension);
        Assert.NotEmpty(data.Bytes);
    }

    [Fact]
    public void Wrapped_and_url_safe_base64_is_accepted()
    {
        var bytes = new byte[] { 0xFB, 0xFF, 0xBF, 0x01 };
        var urlSafe = Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');

        var data = DataUri.Parse($"data:video/mp4;base64,{urlSafe[..3]}\n{urlSafe[3..]}");

        Assert.Equal(bytes, data.Bytes);
    }

    [Theory]
    [InlineData("data:video/mp4,AAAA", "only base64")]
    [InlineData("data:text/plain;base64,aGVsbG8=", "not a video")]
    [InlineData("data:image/jpeg;base64,/9j/", "not a video")]
    [InlineData("data:video/mp4;base64,!!!not-base64!!!", "not valid base64")]
    [InlineData("data:video/mp4;base64,", "empty")]
    [InlineData("data:;base64,AAAA", "media type is missing")]
    [InlineData("data:video/mp4;base64", "expected data:")]
    public void A_malformed_data_uri_is_exit_4_with_the_reason(string uri, string reason)
    {
        var ex = Assert.Throws<PeepshowException>(() => DataUri.Parse(uri));

        Assert.Equal(ExitCodes.InputUnresolvable, ex.ExitCode);
        Assert.StartsWith("malformed data URI: ", ex.Message);
        Assert.Contains(reason, ex.Message);
    }
}
