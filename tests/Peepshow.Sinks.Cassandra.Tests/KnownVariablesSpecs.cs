using Peepshow.Testing;

namespace Peepshow.Sinks.Cassandra.Tests;

/// <summary>peepshow's one table of the built-in sinks' variables (the .env pairing rule, doctor) agrees with the sink itself.</summary>
public sealed class KnownVariablesSpecs
{
    [Fact]
    public void Peepshows_table_names_the_variables_this_sinks_help_marks_required_and_secret_and_endpoints_it_reads() =>
        Assert.Empty(KnownVariablesCheck.Disagreements(CassandraSink.Definition.Info));
}
