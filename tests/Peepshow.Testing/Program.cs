namespace Peepshow.Testing;

/// <summary>
/// Runs a backend double standalone: <c>dotnet run --project tests/Peepshow.Testing -- &lt;double&gt; [--port N]</c>.
/// Prints <c>listening on http://127.0.0.1:PORT</c> once ready and serves until stdin closes or Ctrl+C.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: Peepshow.Testing <double> [--port N]");
            Console.WriteLine("doubles: " + string.Join(", ", StandaloneDoubles.Names));
            return args.Length == 0 ? 2 : 0;
        }
        var port = args.SkipWhile(a => a != "--port").Skip(1).Select(int.Parse).FirstOrDefault();
        return await StandaloneDoubles.RunAsync(args[0], port);
    }
}
