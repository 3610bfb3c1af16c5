using Peepshow.Cli;

return await CliHost.RunAsync(PeepshowCli.Create(), args);
