using Peepshow.Core.EnvFiles;

namespace Peepshow.Core.Tests.EnvFiles;

public sealed class DotEnvSpecs
{
    private static string Value(string text, string name = "KEY") =>
        DotEnv.Parse(text, ".env").Single(e => e.Key == name).Value;

    [Theory]
    [InlineData("KEY=value", "value")]
    [InlineData("KEY = value  ", "value")]
    [InlineData("  export KEY=value", "value")]
    [InlineData("export\tKEY=value", "value")]
    [InlineData("KEY=", "")]
    [InlineData("KEY=a=b=c", "a=b=c")]
    [InlineData("KEY=value # a comment", "value")]
    [InlineData("KEY=value\t# a comment", "value")]
    [InlineData("KEY=https://host/page#anchor", "https://host/page#anchor")]
    [InlineData("KEY=#not-a-comment", "#not-a-comment")]
    [InlineData("KEY= # only a comment", "")]
    [InlineData("KEY=it's \"as is\"", "it's \"as is\"")]
    [InlineData("KEY=$HOME/x", "$HOME/x")]
    [InlineData("KEY='single # quoted'", "single # quoted")]
    [InlineData("KEY='no \\n escapes $HOME'", "no \\n escapes $HOME")]
    [InlineData("KEY='  spaces kept  '  # comment", "  spaces kept  ")]
    [InlineData("KEY=\"double # quoted\"", "double # quoted")]
    [InlineData("KEY=\"tab\\there\\nnew \\\"q\\\" back\\\\slash \\$HOME \\x\"", "tab\there\nnew \"q\" back\\slash $HOME \\x")]
    [InlineData("KEY=\"\"", "")]
    [InlineData("KEY=''", "")]
    public void A_line_gives_the_value_dotenv_syntax_says(string line, string expected) =>
        Assert.Equal(expected, Value(line));

    [Fact]
    public void Blank_lines_comments_a_BOM_and_CRLF_line_ends_are_skipped_and_the_last_value_of_a_name_wins()
    {
        var text = "\uFEFF# settings\r\n\r\n   \r\nA=1\r\n  # indented comment\r\nB='two'\r\nA=3\r\nexport=4\r\n";

        var entries = DotEnv.Parse(text, ".env");

        Assert.Equal([new("A", "3"), new("B", "two"), new("export", "4")], entries);
    }

    [Fact]
    public void Quoted_values_may_span_lines()
    {
        var entries = DotEnv.Parse("KEY=\"line one\nline two\"\nSINGLE='a\r\nb'\nAFTER=x\n", ".env");

        Assert.Equal([new("KEY", "line one\nline two"), new("SINGLE", "a\nb"), new("AFTER", "x")], entries);
    }

    [Theory]
    [InlineData("A=1\nsk-live-secret-token\n", "line 2: expected NAME=value")]
    [InlineData("A=1\n\n1KEY=secret-value\n", "line 3: a variable name is letters, digits and '_', not starting with a digit")]
    [InlineData("MY-KEY=secret-value", "line 1: a variable name is letters, digits and '_', not starting with a digit")]
    [InlineData("KEY='secret-value", "line 1: a single quote is never closed")]
    [InlineData("A=1\nKEY=\"secret-value\nB=2", "line 2: a double quote is never closed")]
    [InlineData("KEY='secret' value", "line 1: unexpected text after the closing quote of KEY")]
    [InlineData("=secret-value", "line 1: expected NAME=value")]
    public void Malformed_text_fails_with_exit_2_naming_the_line_and_never_quoting_it(string text, string expected)
    {
        var ex = Assert.Throws<PeepshowException>(() => DotEnv.Parse(text, "/p/.env"));

        Assert.Equal(ExitCodes.BadArguments, ex.ExitCode);
        Assert.Equal($"/p/.env {expected}", ex.Message);
        Assert.DoesNotContain("secret", ex.Message + ex.Hint);
    }
}
