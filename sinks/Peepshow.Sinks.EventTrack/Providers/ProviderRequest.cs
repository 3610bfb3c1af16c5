using System.Net.Http.Headers;
using System.Text;

namespace Peepshow.Sinks.EventTrack.Providers;

/// <summary>A request as data: built once, turned into a fresh <see cref="HttpRequestMessage"/> per attempt.</summary>
/// <param name="Authorization">Full header value (e.g. <c>Basic …</c>), or null when the token travels in the body.</param>
/// <param name="Readable">The event JSON when <paramref name="Body"/> is not readable as is (Mixpanel's form encoding), for --dry-run.</param>
/// <param name="Via">The endpoint when it is not the provider's usual one (Mixpanel's <c>/import</c> for old runs), for the success line.</param>
internal sealed record ProviderRequest(Uri Url, string ContentType, byte[] Body, string? Authorization = null, string? Readable = null, string? Via = null)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public HttpRequestMessage ToHttpRequest()
    {
        var content = new ByteArrayContent(Body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = content };
        if (Authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }
}
