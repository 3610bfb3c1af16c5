namespace Peepshow.Core.Inputs;

public static class InputKinds
{
    public const string Path = "path";
    public const string Url = "url";
    public const string DataUri = "data-uri";
    public const string Stdin = "stdin";
}
