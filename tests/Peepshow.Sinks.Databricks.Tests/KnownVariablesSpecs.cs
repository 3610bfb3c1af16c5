using Peepshow.Core.EnvFiles;

namespace Peepshow.Sinks.Databricks.Tests;

/// <summary>peepshow's one table of the built-in sinks' variables (the .env pairing rule, doctor) agrees with the sink itself.</summary>
public sealed class KnownVariablesSpecs
{
    [Fact]
    public void Peepshows_table_names_the_variables_this_sinks_help_marks_required_and_secret_and_endpoints_it_reads()
    {
        var info = DatabricksSink.Info;

        var known = KnownVariables.ForSink(info.Name);

        Assert.NotNull(known);
        Assert.Equal(info.Environment.Where(v => v.Required).Select(v => v.Name), known.Required);
        Assert.Equal(info.Environment.Where(v => v.Secret).Select(v => v.Name), known.Credentials);
        Assert.All(known.Endpoints, endpoint => Assert.Contains(endpoint, info.Environment.Select(v => v.Name)));
    }
}
