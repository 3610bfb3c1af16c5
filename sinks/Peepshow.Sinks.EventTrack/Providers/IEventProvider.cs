using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Peepshow.Sinks.Common.Delivery;

namespace Peepshow.Sinks.EventTrack.Providers;

/// <summary>
/// One analytics service: how its request looks (pure, so specs can check every byte) and how to read its
/// answer (pure too). Delivery, retries and redaction are the same for all three and live in the sink flow.
/// </summary>
internal interface IEventProvider
{
    /// <summary>Lower-case name as in EVENT_TRACK_PROVIDER and the success line.</summary>
    string Name { get; }

    /// <summary>What EVENT_TRACK_TOKEN is for this provider, in its own words ("project token", "API key", "write key").</summary>
    string TokenKind { get; }

    /// <summary>The field EVENT_TRACK_USER_ID becomes.</summary>
    string UserIdField { get; }

    /// <summary>The field the dedupe key travels in.</summary>
    string DedupeField { get; }

    Uri DefaultEndpoint(DataRegion region);

    /// <summary>The request for one event. Throws <see cref="Protocol.Hosting.SinkException"/> when the provider would refuse it anyway.</summary>
    /// <param name="now">The sink's clock (never the machine's directly, so specs can pin it): Mixpanel picks its endpoint by the event's age.</param>
    ProviderRequest Build(TrackEvent trackEvent, string token, Uri endpoint, DateTimeOffset now);

    /// <summary>Accepted, or the one-line reason the event was not recorded.</summary>
    Outcome Interpret(ProviderResponse response);

    /// <summary>
    /// The same for an answer to <paramref name="request"/>: a provider whose requests go to more than one endpoint
    /// (Mixpanel's /import) reads each endpoint's answers in that endpoint's terms.
    /// </summary>
    Outcome Interpret(ProviderRequest request, ProviderResponse response) => Interpret(response);

    /// <summary>Something the user should know about this event before it is sent (stderr only).</summary>
    string? Caveat(TrackEvent trackEvent, Uri endpoint, DateTimeOffset now) => null;
}

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

/// <summary>The provider's final answer, after any retries.</summary>
/// <param name="Line">Status plus the start of the body on one line, for error messages.</param>
internal sealed record ProviderResponse(HttpStatusCode Status, string Body, string Line)
{
    public int Code => (int)Status;

    public bool IsSuccess => Code is >= 200 and < 300;

    public static async Task<ProviderResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        new(response.StatusCode,
            await response.Content.ReadAsStringAsync(cancellationToken),
            await HttpDump.ResponseLineAsync(response, cancellationToken: cancellationToken));
}

/// <param name="Reason">What the provider said, on one line.</param>
/// <param name="Hint">What the user can do about it, when the provider's answer points at something specific.</param>
internal sealed record Outcome(bool Accepted, string Reason, string? Hint = null)
{
    public static Outcome Ok { get; } = new(true, "");

    public static Outcome Rejected(string reason, string? hint = null) => new(false, reason, hint);
}

/// <summary>The providers EVENT_TRACK_PROVIDER can name.</summary>
internal static class EventProviders
{
    public static IReadOnlyList<IEventProvider> All { get; } = [new Mixpanel(), new Amplitude(), new Segment()];

    /// <summary>"mixpanel, amplitude or segment".</summary>
    public static string NameList { get; } =
        string.Join(", ", All.Take(All.Count - 1).Select(p => p.Name)) + " or " + All[^1].Name;

    public static IEventProvider? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
