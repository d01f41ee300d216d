using System.CommandLine;
using Qonduit.Circuits;

namespace Qonduit.Cli.Results;

/// <summary>`--top N` / `--all`, shared by every verb that lists a result's outcomes (<see cref="CountsView"/>).</summary>
public sealed class OutcomeOptions
{
    private readonly Option<int> _top = new("--top")
    {
        Description = $"list the N most frequent (or, exact, most probable) outcomes (default {CountsView.DefaultTop})",
        DefaultValueFactory = _ => CountsView.DefaultTop,
    };

    private readonly Option<bool> _all = new("--all") { Description = "list every outcome" };

    public void AddTo(Command command)
    {
        command.Options.Add(_top);
        command.Options.Add(_all);
    }

    /// <summary>How many outcomes to list; null for all of them.</summary>
    public int? Top(ParseResult parse)
    {
        var all = parse.GetValue(_all);
        if (all && parse.GetResult(_top) is { Implicit: false })
            throw new QonduitException(ErrorCodes.Cli.InvalidArguments, "give --top N or --all, not both");
        if (all) return null;
        var top = parse.GetValue(_top);
        return top >= 1 ? top : throw new QonduitException(ErrorCodes.Cli.InvalidArguments, $"--top must be at least 1, got {top}");
    }
}
