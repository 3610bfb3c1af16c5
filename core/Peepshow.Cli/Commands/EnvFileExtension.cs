using System.CommandLine;
using Peepshow.Core.Runs;

namespace Peepshow.Cli.Commands;

/// <summary>
/// The run's <c>.env</c> layer: put first among the extensions, so the transcriber and the sinks configured after it
/// read the environment with the file's values added, and sink processes get them in theirs.
/// </summary>
public sealed class EnvFileExtension : IRunExtension
{
    private readonly Option<bool> _noEnvFile = EnvFileOption.Create();

    public IEnumerable<Option> Options => [_noEnvFile];

    public RunServices Configure(ParseResult parse, RunServices services)
    {
        var layer = EnvFileOption.Load(parse, _noEnvFile, services.Environment);
        return services with { Environment = layer.Environment, EnvFileValues = layer.Applied };
    }
}
