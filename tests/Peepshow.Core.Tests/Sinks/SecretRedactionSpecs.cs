using System.Text;
using Peepshow.Core.Sinks;

namespace Peepshow.Core.Tests.Sinks;

public sealed class SecretRedactionSpecs
{
    private const string Token = "dapi0123456789abcdef";

    private static readonly SecretRedaction Redaction = new([Token, "abc"]);

    [Theory]
    [InlineData("DATABRICKS_TOKEN", true)]
    [InlineData("SEGMENT_WRITE_KEY", true)]
    [InlineData("aws_secret_access_key", true)]
    [InlineData("PGPASSWORD", true)]
    [InlineData("GITHUB_PAT", true)]
    [InlineData("CASSANDRA_URL", false)]
    [InlineData("PATH", false)]
    public void Secret_looking_names_are_recognised(string name, bool secret) =>
        Assert.Equal(secret, SecretRedaction.LooksSecret(name));

    [Fact]
    public void Raw_url_encoded_and_base64_forms_are_masked_including_basic_auth_of_user_and_token()
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("someone:" + Token));
        var urlSafe = Convert.ToBase64String(Encoding.UTF8.GetBytes("x" + Token + "??>")).Replace('+', '-').Replace('/', '_');
        var text = $"Bearer {Token}\nBasic {basic}\nq={Uri.EscapeDataString(Token + "/")}\nurl-safe {urlSafe}";

        var redacted = Redaction.Redact(text)!;

        Assert.Equal("Bearer ***\nBasic ***\nq=***%2F\nurl-safe ***", redacted);
    }

    [Fact]
    public void Short_values_and_ordinary_words_are_left_alone()
    {
        const string text = "abc is too short to be a secret; peepshow-sink-databricks stays readable";

        Assert.Equal(text, Redaction.Redact(text));
    }
}
