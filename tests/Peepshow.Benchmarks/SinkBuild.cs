namespace Peepshow.Benchmarks;

/// <summary>One sink built two ways: <c>--sink /path/peepshow-sink-x:/path/peepshow-sink-x.dll</c>.</summary>
public sealed record SinkBuild(string Native, string Dll)
{
    public string Name => Path.GetFileName(Native);

    public static SinkBuild Parse(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0 ? new SinkBuild(value[..colon], value[(colon + 1)..]) : throw new ArgumentException($"--sink wants <native>:<dll>, got '{value}'");
    }
}
