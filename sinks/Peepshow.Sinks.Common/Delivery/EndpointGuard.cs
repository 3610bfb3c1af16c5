using Peepshow.Http;
using Peepshow.Protocol;
using Peepshow.Protocol.Hosting;

namespace Peepshow.Sinks.Common.Delivery;

/// <summary>
/// Validates a backend URL from env. Credentials only travel over https, except to loopback hosts
/// (tests, a local Stargate) or with the explicit PEEPSHOW_ALLOW_INSECURE_HTTP=1 escape hatch.
/// </summary>
public static class EndpointGuard
{
    /// <summary>What <see cref="Parse"/> reads, for a sink's <see cref="SinkInfo.Environment"/>.</summary>
    public static IReadOnlyList<EnvVarDoc> Variables { get; } =
    [
        new(EnvNames.AllowInsecureHttp, "1 = allow the token over plain http to a non-loopback host"),
    ];

    /// <param name="name">The env var the URL came from, named in every error.</param>
    /// <param name="sendsCredentials">Whether requests to this URL carry a token.</param>
    public static Uri Parse(SinkEnvironment env, string name, string value, bool sendsCredentials)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            throw SinkException.Config($"{name} must be an absolute http(s) URL, got '{value}'");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw SinkException.Config($"{name} must not embed credentials; put them in the token variable");
        if (sendsCredentials && uri.Scheme == "http" && !Loopback.IsLoopback(uri) && !env.IsOn(EnvNames.AllowInsecureHttp))
            throw SinkException.Config(
                $"{name} is plain http to {uri.Host}; tokens are only sent over https (or to loopback). Use https, or set {EnvNames.AllowInsecureHttp}=1 if you really mean it");
        return uri;
    }

    /// <summary>Joins a base URL (which may carry a path, e.g. Astra's /api/rest) with a relative path.</summary>
    public static Uri Combine(Uri baseUri, string relativePath) =>
        new($"{baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/')}/{relativePath.TrimStart('/')}");
}
