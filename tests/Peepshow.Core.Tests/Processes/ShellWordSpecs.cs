using Peepshow.Core.Processes;

namespace Peepshow.Core.Tests.Processes;

public sealed class ShellWordSpecs
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("  --cookies   cookies.txt ", new[] { "--cookies", "cookies.txt" })]
    [InlineData("-f \"bv*[height<=720]+ba/b\"", new[] { "-f", "bv*[height<=720]+ba/b" })]
    [InlineData("--cookies '/home/me/My Cookies.txt'", new[] { "--cookies", "/home/me/My Cookies.txt" })]
    [InlineData("--add-header 'Referer: https://example.com/'", new[] { "--add-header", "Referer: https://example.com/" })]
    [InlineData("--proxy ''", new[] { "--proxy", "" })]
    [InlineData("a\\ b \"say \\\"hi\\\" \\$HOME\" it\\'s", new[] { "a b", "say \"hi\" $HOME", "it's" })]
    [InlineData("$HOME ~/x *.txt", new[] { "$HOME", "~/x", "*.txt" })]
    [InlineData("pre'quoted part'post", new[] { "prequoted partpost" })]
    public void Split_reads_words_the_way_sh_does_without_expanding_anything(string text, string[] words)
    {
        Assert.Equal(words, ShellWord.Split(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("--cookies 'unclosed", "a single quote is never closed")]
    [InlineData("-f \"bv*", "a double quote is never closed")]
    [InlineData("trailing\\", "it ends with a backslash")]
    public void Split_refuses_what_sh_would_refuse(string text, string error)
    {
        Assert.Null(ShellWord.Split(text, out var actual));
        Assert.Equal(error, actual);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("with space")]
    [InlineData("it's")]
    [InlineData("")]
    public void Split_reads_back_what_Quote_writes(string word)
    {
        Assert.Equal([word], ShellWord.Split(ShellWord.Quote(word), out _));
    }
}
