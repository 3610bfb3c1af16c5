using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Peepshow.Testing.Http;

/// <summary>
/// A web site on 127.0.0.1 for the page-URL specs: one HTML page at <see cref="PagePath"/> around generated clips
/// served at <c>/media/&lt;name&gt;</c>, read by yt-dlp's generic extractor exactly as it reads a real site.
/// </summary>
public sealed class VideoPageSite : IAsyncDisposable
{
    public const string PagePath = "/talks/launch";

    /// <summary>
    /// yt-dlp arguments naming the extractors these pages are for: its generic one and the <c>&lt;video&gt;</c> one it
    /// calls. Without them yt-dlp first matches 127.0.0.1 against its 1,900 site extractors, 1.1 of the 1.8 CPU
    /// seconds a download costs, which is yt-dlp's work, not peepshow's.
    /// </summary>
    public static IReadOnlyList<string> YtDlpExtractorArguments { get; } = ["--use-extractors", "generic,html5"];

    private readonly LoopbackServer _server;

    private VideoPageSite(LoopbackServer server) => _server = server;

    /// <summary>The page's URL.</summary>
    public string PageUrl => _server.BaseUrl + PagePath;

    public string BaseUrl => _server.BaseUrl;

    /// <param name="html">The page, given the site's base URL (for the absolute links JSON-LD wants).</param>
    /// <param name="media">File name under <c>/media/</c> → the clip on disk.</param>
    /// <param name="pageContentType">What the server says the page is; servers that label pages as octet-stream exist.</param>
    public static async Task<VideoPageSite> StartAsync(Func<string, string> html, IReadOnlyDictionary<string, string> media,
        string pageContentType = "text/html; charset=utf-8", CancellationToken cancellationToken = default)
    {
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet(PagePath, (HttpContext context) =>
                Results.Text(html($"{context.Request.Scheme}://{context.Request.Host}"), pageContentType));
            app.MapGet("/media/{name}", (string name) =>
                media.TryGetValue(name, out var path) ? Results.File(path, "video/mp4") : Results.NotFound());
        }, cancellationToken: cancellationToken);
        return new VideoPageSite(server);
    }

    /// <summary>A page with a title and one <c>&lt;video&gt;</c> whose <c>&lt;source&gt;</c>s are the given clips, each with its height.</summary>
    public static string VideoElementPage(string title, params (string Name, int Height)[] sources)
    {
        var sourceLines = string.Join("\n", sources.Select(s => $"    <source src=\"/media/{s.Name}\" type=\"video/mp4\" res=\"{s.Height}\" label=\"{s.Height}p\">"));
        return $"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title></head>
        <body>
          <h1>{WebUtility.HtmlEncode(title)}</h1>
          <video controls width="640">
        {sourceLines}
          </video>
        </body>
        </html>
        """;
    }

    /// <summary>
    /// A page that describes its video the schema.org way (a VideoObject in JSON-LD with its name, author and file),
    /// as news and CMS pages do: where yt-dlp's generic extractor finds an uploader.
    /// </summary>
    public static string VideoObjectPage(string baseUrl, string name, string author, string media) =>
        $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>{{WebUtility.HtmlEncode(name)}} | Example News</title>
          <script type="application/ld+json">
          {"@context": "https://schema.org", "@type": "VideoObject", "name": "{{name}}",
           "author": {"@type": "Person", "name": "{{author}}"},
           "contentUrl": "{{baseUrl}}/media/{{media}}", "encodingFormat": "video/mp4"}
          </script>
        </head>
        <body><p>The video plays here.</p></body>
        </html>
        """;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
