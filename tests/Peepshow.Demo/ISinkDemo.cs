namespace Peepshow.Demo;

/// <summary>One shipped sink delivering the demo run to its backend double, and what the double stored.</summary>
public interface ISinkDemo
{
    /// <summary>The sink's name: its program is <c>peepshow-sink-&lt;name&gt;</c>.</summary>
    string Name { get; }

    Task RunAsync(string sinkProgram, byte[] payload, CancellationToken cancellationToken);
}
