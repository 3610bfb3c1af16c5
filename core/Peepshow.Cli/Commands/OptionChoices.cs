using System.CommandLine;
using Peepshow.Core.Output;

namespace Peepshow.Cli.Commands;

/// <summary>
/// An option that takes one of a few words. Unlike System.CommandLine's <c>AcceptOnlyFromAmong</c>, whose error
/// names neither the flag nor the choices on one line, the error reads <c>--format must be one of jpg, png (got 'gif')</c>.
/// </summary>
internal static class OptionChoices
{
    public static void Accept<T>(Option<T> option, params string[] choices)
    {
        option.CompletionSources.Add(choices);
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!choices.Contains(token.Value, StringComparer.Ordinal))
                {
                    result.AddError($"{option.Name} must be one of {string.Join(", ", choices)} (got '{VisibleText.Escape(token.Value)}')");
                    return;
                }
            }
        });
    }
}
