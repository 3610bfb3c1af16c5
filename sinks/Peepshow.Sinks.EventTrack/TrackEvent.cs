using Peepshow.Protocol;
using Peepshow.Protocol.Payload;
using Peepshow.Protocol.Rows;

namespace Peepshow.Sinks.EventTrack;

/// <summary>The provider-neutral event: what every provider's wire format carries, in its own shape.</summary>
/// <param name="Time">The run's <c>createdAt</c>, so a replay keeps the run's time; now only for payloads without one.</param>
/// <param name="DedupeKey">Same run and event name → same key, on every retry and replay (see <see cref="EventTrack.DedupeKey"/>).</param>
internal sealed record TrackEvent(
    string Name,
    string UserId,
    DateTimeOffset Time,
    bool TimeIsNow,
    string DedupeKey,
    IReadOnlyList<EventProperty> Properties)
{
    public long EpochMilliseconds => Time.ToUnixTimeMilliseconds();

    public static TrackEvent From(RunPayload payload, string eventName, string userId, DateTimeOffset now) =>
        new(
            eventName,
            userId,
            payload.CreatedAt ?? now,
            TimeIsNow: payload.CreatedAt is null,
            EventTrack.DedupeKey.For(StandardRowMapper.RunIdOf(payload), eventName),
            PropertiesOf(payload));

    /// <summary>
    /// The same properties for every provider (docs/sinks/event-track.md): <c>codec</c> is "" when unknown; every other
    /// optional value is left out when unknown rather than sent as null or 0, so provider charts that
    /// average <c>duration_s</c> or <c>width</c> are not dragged down by missing data.
    /// </summary>
    public static IReadOnlyList<EventProperty> PropertiesOf(RunPayload payload)
    {
        var video = payload.Video;
        var tags = video?.Tags;
        var audio = payload.Audio;
        var properties = new List<EventProperty>
        {
            EventProperty.Of("strategy", payload.Strategy),
            EventProperty.Of("frames", payload.Frames.Count),
            EventProperty.Of("codec", video?.Codec ?? ""),
            EventProperty.Of("output_dir", payload.OutputDir),
        };
        AddNumber(properties, "duration_s", video?.DurationSeconds);
        AddNumber(properties, "width", video?.Width);
        AddNumber(properties, "height", video?.Height);
        AddText(properties, "director", Tag(tags, "director"));
        AddText(properties, "studio", Tag(tags, "studio"));
        properties.Add(EventProperty.Of("tags", ProtocolJson.SerializeTags(tags)));
        AddText(properties, "transcript_language", audio?.Transcript?.Language);
        AddNumber(properties, "transcript_duration_s", audio?.Transcript?.DurationSeconds);
        AddNumber(properties, "audio_silence_ratio", audio?.SilenceRatio);
        return properties;
    }

    private static string? Tag(IReadOnlyDictionary<string, string>? tags, string key) =>
        tags is not null && tags.TryGetValue(key, out var value) ? value : null;

    private static void AddText(List<EventProperty> properties, string name, string? value)
    {
        // A blank tag says nothing; the original sink's truthiness check left it out too.
        if (!string.IsNullOrWhiteSpace(value))
            properties.Add(EventProperty.Of(name, value));
    }

    private static void AddNumber(List<EventProperty> properties, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
            properties.Add(EventProperty.Of(name, number));
    }
}
