using Peepshow.Cli;
using Peepshow.Cli.Commands;

// The root command extracts; other features join through extensions (their options and services)
// and subcommands: root.Subcommands.Add(...).
var root = ExtractCommand.Create(extensions: [new AudioOptions(), new SinkRunExtension()]);
root.Subcommands.Add(SinksCommand.Create());
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(McpCommand.Create());
root.Subcommands.Add(BatchCommand.Create(extensions: [new AudioOptions(), new SinkRunExtension()]));
HelpText.Extend(root);

return await CliHost.RunAsync(root, args);
