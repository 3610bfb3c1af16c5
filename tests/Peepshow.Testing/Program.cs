using Peepshow.Testing.Media;

namespace Peepshow.Testing;

/// <summary>
/// Runs test fixtures standalone:
/// <c>dotnet run --project tests/Peepshow.Testing -- &lt;double&gt; [--port N]</c> serves a backend double
/// (prints <c>listening on http://127.0.0.1:PORT</c>, stops when stdin closes or on Ctrl+C);
/// <c>… -- media &lt;clip&gt;… &lt;dir&gt;</c> writes generated clips (the ones specs use) into a folder.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: Peepshow.Testing <double> [--port N]");
            Console.WriteLine("       Peepshow.Testing media <clip>... <dir>");
            Console.WriteLine("doubles: " + string.Join(", ", StandaloneDoubles.Names));
            Console.WriteLine("clips: " + string.Join(", ", MediaCommand.Names));
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] == "media")
            return await MediaCommand.RunAsync(args[1..]);
        var port = args.SkipWhile(a => a != "--port").Skip(1).Select(int.Parse).FirstOrDefault();
        return await StandaloneDoubles.RunAsync(args[0], port);
    }
}
