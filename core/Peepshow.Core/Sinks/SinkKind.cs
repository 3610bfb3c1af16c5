using System.Text.Json.Serialization;

namespace Peepshow.Core.Sinks;

/// <summary>How a sink is started: an executable found by name, or a shell command line.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SinkKind>))]
public enum SinkKind
{
    /// <summary><c>--sink name[:arg…]</c>: runs <c>peepshow-sink-&lt;name&gt;</c> with the tokens as arguments, no shell.</summary>
    [JsonStringEnumMemberName("name")]
    Name,

    /// <summary><c>--sink-cmd '&lt;shell&gt;'</c>: runs through <c>/bin/sh -c</c>.</summary>
    [JsonStringEnumMemberName("cmd")]
    Cmd,
}
