namespace Peepshow.Sinks.EventTrack;

/// <summary>Where the provider stores the project's data: each provider documents one EU ingestion host.</summary>
internal enum DataRegion
{
    Us,
    Eu,
}
