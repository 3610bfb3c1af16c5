using System.Text.Json.Serialization;

namespace Peepshow.Core.Inputs;

/// <summary>
/// The fields of yt-dlp's info dict that peepshow asks it to print once the file is in place (public only because
/// the source-generated context exposes it). A site that does not know a field leaves it out.
/// </summary>
public sealed record YtDlpInfo
{
    /// <summary>The template that makes yt-dlp print this record as one JSON line after the download.</summary>
    public const string PrintTemplate = "after_move:%(.{title,uploader,channel,creator,uploader_id,webpage_url,extractor_key,filepath})j";

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("uploader")]
    public string? Uploader { get; init; }

    [JsonPropertyName("channel")]
    public string? Channel { get; init; }

    [JsonPropertyName("creator")]
    public string? Creator { get; init; }

    [JsonPropertyName("uploader_id")]
    public string? UploaderId { get; init; }

    [JsonPropertyName("webpage_url")]
    public string? WebpageUrl { get; init; }

    [JsonPropertyName("extractor_key")]
    public string? ExtractorKey { get; init; }

    /// <summary>Where yt-dlp put the finished file.</summary>
    [JsonPropertyName("filepath")]
    public string? FilePath { get; init; }

    /// <summary>
    /// The page's tags for <c>video.tags</c> (docs/extraction.md, <em>Page URLs</em>): <c>title</c>, <c>uploader</c>
    /// and <c>page_url</c> (the site's own address for the page when it gives one, else <paramref name="typed"/>), each
    /// only when known, credentials in the URL masked.
    /// </summary>
    public IReadOnlyDictionary<string, string> ToTags(Uri typed)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Nonblank(Title) is { } title)
            tags[PageTags.Title] = CleanTitle(title);
        if ((Nonblank(Uploader) ?? Nonblank(Channel) ?? Nonblank(Creator) ?? Nonblank(UploaderId)) is { } uploader)
            tags[PageTags.Uploader] = uploader;
        var page = Uri.TryCreate(WebpageUrl, UriKind.Absolute, out var canonical) && canonical.Scheme is "http" or "https" ? canonical : typed;
        tags[PageTags.PageUrl] = UrlRedaction.Redact(page);
        return tags;
    }

    // yt-dlp numbers every <video> of a page ("Launch (1)", "Launch (2)") even when there is one; peepshow takes the
    // first, so the number says nothing.
    private string CleanTitle(string title) =>
        ExtractorKey == "HTML5MediaEmbed" && title.EndsWith(" (1)", StringComparison.Ordinal) ? title[..^4] : title;

    private static string? Nonblank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
