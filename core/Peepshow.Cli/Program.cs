using Peepshow.Cli;

// The one place that reads the process: its streams, environment, current directory and signals.
return await CliHost.RunProcessAsync(args);
