using Peepshow.Protocol.Hosting;
using Peepshow.Sinks.Databricks;

return await SinkApp.RunAsync(args, DatabricksSink.Definition);
