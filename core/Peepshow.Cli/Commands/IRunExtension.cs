using System.CommandLine;
using Peepshow.Core.Runs;

namespace Peepshow.Cli.Commands;

/// <summary>
/// How another feature joins the extraction command without editing it: it contributes options, and
/// for each run, plugs its services (the audio pass, the sink dispatcher) into <see cref="RunServices"/>.
/// Program.cs lists the extensions.
/// </summary>
public interface IRunExtension
{
    IEnumerable<Option> Options { get; }

    RunServices Configure(ParseResult parse, RunServices services);
}
