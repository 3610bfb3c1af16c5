namespace Peepshow.Core.Inputs;

/// <summary>
/// Sites whose links are pages around a player, never the video file itself: such a URL goes straight to yt-dlp.
/// Any other http(s) URL is fetched directly and handed to yt-dlp only when the server answers with a web page.
/// </summary>
public static class VideoSites
{
    // The host or any subdomain of it (www., m., player.…). Short links included: they redirect to the page.
    private static readonly string[] Hosts =
    [
        "youtube.com", "youtu.be", "youtube-nocookie.com",
        "vimeo.com",
        "dailymotion.com", "dai.ly",
        "twitch.tv",
        "tiktok.com",
        "loom.com",
        "streamable.com",
        "ted.com",
        "bilibili.com",
        "rumble.com",
        "wistia.com",
    ];

    public static bool IsVideoPage(Uri uri)
    {
        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        return Hosts.Any(h => host == h || host.EndsWith("." + h, StringComparison.Ordinal));
    }
}
