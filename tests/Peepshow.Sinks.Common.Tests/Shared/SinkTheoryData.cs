namespace Peepshow.Sinks.Common.Tests.Shared;

/// <summary>
/// The hostile-backend cases every sink is held to: redirects it must not follow, and answers that are not a
/// delivery whatever their status. This one file is compiled into each sink's spec project (a
/// <c>&lt;Compile Include&gt;</c> in its csproj), so a <c>MemberData</c> naming it stays inside the spec assembly:
/// pointing <c>MemberData</c> at a type of another assembly makes the xUnit analyzer fail the build (AD0001).
/// </summary>
internal static class SinkTheoryData
{
    /// <summary>The redirect statuses a client might follow.</summary>
    public static IReadOnlyList<int> RedirectStatusList { get; } = [301, 302, 303, 307, 308];

    /// <summary>Answers that say nothing was stored, whatever their status: status, content type, body.</summary>
    public static IReadOnlyList<(int Status, string ContentType, string Body)> NotADeliveryList { get; } =
    [
        (200, "application/json", "{}"),
        (200, "text/html", "<html><body>Please sign in to the guest network</body></html>"),
        (200, "text/plain", ""),
        (204, "text/plain", ""),
        (200, "application/json", """{"ok":true}"""),
    ];

    public static TheoryData<int> RedirectStatuses() => [.. RedirectStatusList];

    public static TheoryData<int, string, string> NotADelivery()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var (status, contentType, body) in NotADeliveryList)
            data.Add(status, contentType, body);
        return data;
    }
}
