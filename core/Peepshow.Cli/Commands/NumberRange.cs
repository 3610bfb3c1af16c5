using System.CommandLine.Parsing;
using System.Globalization;
using Peepshow.Core.Output;

namespace Peepshow.Cli.Commands;

/// <summary>
/// The values a numeric option accepts, and the parser that enforces them. A value that is not a number
/// (<c>abc</c>, <c>''</c>, <c>NaN</c>, <c>1e309</c>) and one outside the range get the same single parse
/// error, naming the flag, what was typed and the range, so every one of them is exit 2. (System.CommandLine's
/// own conversion error turns into an exception as soon as a validator reads the value.)
/// </summary>
internal sealed record NumberRange(double Min, double Max, bool Whole)
{
    public static NumberRange Integers(int min, int max) => new(min, max, Whole: true);

    public static NumberRange Decimals(double min, double max) => new(min, max, Whole: false);

    /// <summary>The number <paramref name="token"/> stands for, when it is one and within the range.</summary>
    public bool TryParse(string token, out double value)
    {
        value = 0;
        if (Whole)
        {
            if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                return false;
            value = whole;
        }
        else if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            return false;
        }
        return value >= Min && value <= Max;
    }

    public string Problem(string flag, string token) =>
        $"{flag} must be {(Whole ? "a whole number" : "a number")} between {Text(Min)} and {Text(Max)} (got {Shown(token)})";

    public Func<ArgumentResult, int> IntParser(int fallback) => result => (int)Parse(result, fallback);

    public Func<ArgumentResult, double> DoubleParser(double fallback) => result => Parse(result, fallback);

    public Func<ArgumentResult, double?> OptionalDoubleParser() => result => result.Tokens.Count == 0 ? null : Parse(result, 0);

    /// <summary>The option's value in <paramref name="command"/>: its default when absent, null when what was typed is invalid.</summary>
    public double? Read(CommandResult command, System.CommandLine.Option option, double fallback)
    {
        if (command.GetResult(option) is not { Tokens.Count: > 0 } given)
            return fallback;
        return TryParse(given.Tokens[^1].Value, out var value) ? value : null;
    }

    private double Parse(ArgumentResult result, double fallback)
    {
        if (result.Tokens.Count == 0)
            return fallback;
        var token = result.Tokens[^1].Value;
        if (TryParse(token, out var value))
            return value;
        var flag = result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
        result.AddError(Problem(flag, token));
        return fallback;
    }

    /// <summary>A number as typed; anything else quoted, with control characters made visible.</summary>
    private static string Shown(string token) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) && token.Trim() == token
            ? token
            : $"'{VisibleText.Escape(token)}'";

    private static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
