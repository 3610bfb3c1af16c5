using Peepshow.Core.Inputs;

namespace Peepshow.Core.Tests.Inputs;

public sealed class UrlRedactionSpecs
{
    [Theory]
    [InlineData("https://cdn.example.com/videos/a.mp4", "https://cdn.example.com/videos/a.mp4")]
    [InlineData("https://user:pa55@example.com/a.mp4", "https://example.com/a.mp4")]
    [InlineData("https://s3.example.com/a.mp4?X-Amz-Signature=abc123&X-Amz-Expires=300&v=2", "https://s3.example.com/a.mp4?X-Amz-Signature=***&X-Amz-Expires=***&v=2")]
    [InlineData("http://127.0.0.1:8080/a.mp4?token=secret&id=7", "http://127.0.0.1:8080/a.mp4?token=***&id=7")]
    [InlineData("https://example.com/a.mp4?sig=xyz", "https://example.com/a.mp4?sig=***")]
    public void Credentials_in_a_url_never_reach_messages_or_the_payload(string url, string shown)
    {
        Assert.Equal(shown, UrlRedaction.Redact(new Uri(url)));
    }
}
