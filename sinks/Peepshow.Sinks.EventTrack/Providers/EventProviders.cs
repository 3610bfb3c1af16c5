namespace Peepshow.Sinks.EventTrack.Providers;

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
