using System.Text.Json.Serialization;

namespace Peepshow.Core.History;

/// <summary>A sink's part in the run: its name, <c>ok</c>/<c>failed</c>/<c>skipped</c>, and the link to its record when it gave one.</summary>
public sealed record RunRecordSink(
    string Name,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url = null);
