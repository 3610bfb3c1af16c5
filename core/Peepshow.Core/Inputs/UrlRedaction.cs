using System.Text;
using System.Text.RegularExpressions;

namespace Peepshow.Core.Inputs;

/// <summary>
/// The form of a URL that may be printed, logged or sent to sinks: no user:password, and the values of
/// query parameters that look like credentials (pre-signed S3/GCS/Azure links) replaced by <c>***</c>.
/// </summary>
public static partial class UrlRedaction
{
    public static string Redact(Uri uri)
    {
        var builder = new UriBuilder(uri) { UserName = "", Password = "" };
        if (!string.IsNullOrEmpty(builder.Query))
        {
            var parts = builder.Query.TrimStart('?').Split('&');
            var sb = new StringBuilder();
            foreach (var part in parts)
            {
                if (sb.Length > 0)
                    sb.Append('&');
                var eq = part.IndexOf('=');
                var key = eq < 0 ? part : part[..eq];
                sb.Append(eq >= 0 && SecretKey().IsMatch(Uri.UnescapeDataString(key)) ? key + "=***" : part);
            }
            builder.Query = sb.ToString();
        }
        var text = builder.Uri.GetComponents(UriComponents.AbsoluteUri, UriFormat.UriEscaped);
        // UriBuilder keeps the default port explicit; drop it so the URL reads as the user typed it.
        return uri.IsDefaultPort ? text.Replace($":{uri.Port}/", "/", StringComparison.Ordinal) : text;
    }

    [GeneratedRegex("sig|signature|token|secret|password|passwd|key|auth|credential|policy|session|x-amz-|x-goog-", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();
}
