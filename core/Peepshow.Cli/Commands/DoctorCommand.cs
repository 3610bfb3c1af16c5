using System.CommandLine;
using Peepshow.Core.Doctor;
using Peepshow.Core.Transcription;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow doctor</c>: what a run would use (ffmpeg, transcription) and what to install for the rest.</summary>
public static class DoctorCommand
{
    public static Command Create(Func<string, string?>? environment = null)
    {
        var transcribe = new Option<string?>("--transcribe")
        {
            Description = "Check this provider instead of the one a run would pick",
            HelpName = "provider",
        };
        OptionChoices.Accept(transcribe, [.. TranscriberSelector.ProviderNames, TranscriberSelector.Off]);

        var command = new Command("doctor", "Say which ffmpeg and transcription provider a run would use and why, which models are present, and what to install for what is missing")
        {
            transcribe,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var report = await DoctorReport.InspectAsync(environment ?? Environment.GetEnvironmentVariable, parse.GetValue(transcribe), cancellationToken);
            await parse.InvocationConfiguration.Output.WriteAsync(report.ToText());
            return report.ExitCode;
        });
        return command;
    }
}
