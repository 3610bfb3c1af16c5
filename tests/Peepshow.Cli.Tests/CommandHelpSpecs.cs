using System.CommandLine;

namespace Peepshow.Cli.Tests;

/// <summary>
/// Every command's <c>--help</c>, for every command in the tree that <see cref="PeepshowCli.Create"/> builds: a command
/// added later is covered without touching this file. Help is rendered in process through <see cref="CliHost"/>,
/// exactly as the binary renders it.
/// </summary>
public sealed class CommandHelpSpecs
{
    public static TheoryData<string> Commands => new(CommandPaths(CommandTree.Create(), []).Select(path => string.Join(' ', path)));

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Each_commands_help_names_its_path_describes_it_and_lists_only_what_it_takes(string commandPath)
    {
        // Arrange
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = CommandTree.Context with { Stdout = stdout, Stderr = stderr };
        var root = PeepshowCli.Create(context);
        string[] path = commandPath.Length == 0 ? [] : commandPath.Split(' ');
        var command = Find(root, path);

        // Act
        var exit = await CliHost.RunAsync(root, [.. path, "--help"], context, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(0, exit);
        Assert.Equal("", stderr.ToString());
        var help = HelpSections.Parse(stdout.ToString());

        Assert.False(string.IsNullOrWhiteSpace(help.Section("Description")), $"peepshow {commandPath} --help has no description");

        // The root is named after the executable: peepshow for users, the test host in process.
        var usage = Assert.Single(help.Lines("Usage")).Trim();
        var expected = string.Join(' ', [root.Name, .. path]);
        Assert.True(usage == expected || usage.StartsWith(expected + " ", StringComparison.Ordinal), $"usage '{usage}' does not start with '{expected}'");
        if (path.Length > 0)
            Assert.DoesNotContain("<input>", usage);

        var arguments = command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.Name}>").ToList();
        foreach (var listed in help.Entries("Arguments"))
            Assert.Contains(listed, arguments);

        foreach (var listed in help.Entries("Options").SelectMany(entry => entry.Split(", ")))
        {
            Assert.True(Takes(command, listed), $"peepshow {commandPath} --help lists {listed}, which it does not take");
            Assert.DoesNotContain(listed, root.Parse([.. path, listed]).UnmatchedTokens);
        }

        foreach (var listed in help.Entries("Commands"))
            Assert.Contains(command.Subcommands, sub => sub.Name == listed && !sub.Hidden);
    }

    [Fact]
    public void The_tree_holds_every_subcommand_a_user_can_type()
    {
        var paths = CommandPaths(CommandTree.Create(), []).Select(path => string.Join(' ', path)).ToList();

        Assert.Contains("", paths);
        Assert.Contains("sinks retry", paths);
        Assert.Contains("hook user-prompt", paths);
        Assert.Contains("env allow", paths);
        Assert.Equal(paths.Count, paths.Distinct().Count());
    }

    /// <summary>The root (an empty path) and every visible subcommand below it, depth first.</summary>
    private static IEnumerable<string[]> CommandPaths(Command command, string[] path)
    {
        yield return path;
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
            foreach (var below in CommandPaths(sub, [.. path, sub.Name]))
                yield return below;
    }

    private static Command Find(Command root, IEnumerable<string> path) =>
        path.Aggregate(root, (command, name) => command.Subcommands.Single(sub => sub.Name == name));

    /// <summary>The command's own option of that name or alias, or a recursive one of an ancestor (--help).</summary>
    private static bool Takes(Command command, string name)
    {
        static bool Named(Option option, string name) => option.Name == name || option.Aliases.Contains(name);

        if (command.Options.Any(option => Named(option, name)))
            return true;
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            if (parent.Options.Any(option => option.Recursive && Named(option, name)))
                return true;
        }
        return false;
    }
}
