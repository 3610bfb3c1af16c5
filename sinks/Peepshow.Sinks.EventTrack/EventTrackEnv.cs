namespace Peepshow.Sinks.EventTrack;

/// <summary>The sink's environment variables (docs/sinks/event-track.md names, plus EVENT_TRACK_REGION).</summary>
internal static class EventTrackEnv
{
    public const string Provider = "EVENT_TRACK_PROVIDER";
    public const string Token = "EVENT_TRACK_TOKEN";
    public const string UserId = "EVENT_TRACK_USER_ID";
    public const string EventName = "EVENT_TRACK_EVENT_NAME";
    public const string Endpoint = "EVENT_TRACK_ENDPOINT";
    public const string Region = "EVENT_TRACK_REGION";

    public const string DefaultEventName = "peepshow_run";
}
