namespace Peepshow.Sinks.EventTrack;

/// <summary>One event property: a string or a number, never null (unknown values are left out instead).</summary>
internal readonly record struct EventProperty(string Name, string? Text, double? Number)
{
    public static EventProperty Of(string name, string text) => new(name, text, null);

    public static EventProperty Of(string name, double number) => new(name, null, number);

    public override string ToString() => $"{Name}={Text ?? Number?.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
