using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Peepshow.Sinks.Databricks;

/// <summary>
/// A request the API rejected (non-200). Body shapes seen in the wild (docs/sinks/databricks.md): the JSON error object
/// with a string or numeric <c>error_code</c>, an empty body, <c>ERROR_CODE: message</c> text, or gateway HTML.
/// </summary>
internal sealed partial record ApiError(int Status, string? ErrorCode, string Message)
{
    public static ApiError Parse(int status, string? reasonPhrase, string body)
    {
        var text = body.Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                var code = StatementResponses.Scalar(doc.RootElement, "error_code");
                var message = StatementResponses.String(doc.RootElement, "message");
                if (code is not null || message is not null)
                    return new ApiError(status, code, message ?? reasonPhrase ?? "");
            }
            catch (JsonException)
            {
                // Not JSON after all; fall through to the text forms.
            }
        }
        if (text.Length == 0)
            return new ApiError(status, null, reasonPhrase ?? "");
        if (PrePattern().Match(text) is { Success: true } pre)
            return new ApiError(status, null, System.Net.WebUtility.HtmlDecode(pre.Groups[1].Value).Trim());
        if (CodeColonPattern().Match(text) is { Success: true } plain)
            return new ApiError(status, plain.Groups[1].Value, plain.Groups[2].Value.Trim());
        return new ApiError(status, null, text);
    }

    /// <summary><c>HTTP 403: Invalid access token.</c> or <c>HTTP 400 INVALID_PARAMETER_VALUE: …</c>; a numeric code equal to the status is not repeated.</summary>
    public override string ToString()
    {
        var code = ErrorCode is null || ErrorCode == Status.ToString(CultureInfo.InvariantCulture) ? "" : " " + ErrorCode;
        var message = StatementStatus.OneLine(Message);
        return message.Length == 0 ? $"HTTP {Status}{code}" : $"HTTP {Status}{code}: {message}";
    }

    [GeneratedRegex(@"<pre>(.*?)</pre>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PrePattern();

    [GeneratedRegex(@"^([A-Z][A-Z_]+): (.+)$", RegexOptions.Singleline)]
    private static partial Regex CodeColonPattern();
}
