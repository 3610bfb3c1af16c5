using System.CommandLine;
using Peepshow.Core.Doctor;
using Peepshow.Core.EnvFiles;
using Peepshow.Core.Transcription;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow doctor</c>: what a run would use (ffmpeg, transcription) and what to install for the rest.</summary>
public static class DoctorCommand
{
    public static Command Create(CliContext context)
    {
        var transcribe = new Option<string?>("--transcribe")
        {
            Description = "Check this provider instead of the one a run would pick",
            HelpName = "provider",
        };
        OptionChoices.Accept(transcribe, [.. TranscriberSelector.ProviderNames, TranscriberSelector.Off]);

        var noEnvFile = EnvFileOption.Create();
        var command = new Command("doctor", "Say which ffmpeg and transcription provider a run would use and why, which models are present, " +
                                            "whether each auto-sink has its variables (and from where: environment or .env), and what to install or set for what is missing")
        {
            transcribe,
            noEnvFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Doctor reports a .env that pairs an endpoint with the environment's credentials instead of refusing to run.
            var env = EnvFileLayer.Load(context.Environment, context.WorkingDirectory, parse.GetValue(noEnvFile));
            env.WriteHint(parse.InvocationConfiguration.Error);
            var report = await DoctorReport.InspectAsync(env.Environment.Get, context.WorkingDirectory, parse.GetValue(transcribe), cancellationToken)
                with { Sinks = await AutoSinkReadiness.InspectAsync(env, context.WorkingDirectory, cancellationToken) };
            await parse.InvocationConfiguration.Output.WriteAsync(report.ToText());
            return report.ExitCode;
        });
        return command;
    }
}
