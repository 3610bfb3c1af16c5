using System.Net;
using Peepshow.Sinks.Common.Delivery;

namespace Peepshow.Sinks.EventTrack.Providers;

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
