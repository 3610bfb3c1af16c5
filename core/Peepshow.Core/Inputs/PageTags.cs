namespace Peepshow.Core.Inputs;

/// <summary>The <c>video.tags</c> keys a page URL adds (docs/PLUGINS.md); they win over the downloaded file's own tags of the same name.</summary>
public static class PageTags
{
    /// <summary>The page's title, as the site or the page's <c>&lt;title&gt;</c> gives it; sinks' <c>title</c> column reads it.</summary>
    public const string Title = "title";

    /// <summary>Who published it (the channel, the author), when the site says.</summary>
    public const string Uploader = "uploader";

    /// <summary>The page the video came from, credentials masked like every URL peepshow shows.</summary>
    public const string PageUrl = "page_url";
}
