using Peepshow.Protocol.Hosting;
using Peepshow.Sinks.EventTrack;

return await SinkApp.RunAsync(args, EventTrackSink.Definition);
