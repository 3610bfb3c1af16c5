using Peepshow.Protocol.Hosting;
using Peepshow.Sinks.Cassandra;

return await SinkApp.RunAsync(args, CassandraSink.Definition);
