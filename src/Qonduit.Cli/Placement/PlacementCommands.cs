using System.CommandLine;
using System.Text.Json;
using Qonduit.Cli.Server;
using Qonduit.Contracts;
using Qonduit.Contracts.Placement;

namespace Qonduit.Cli.Placement;

/// <summary>`qonduit placement explain 'REQ'`: which resources a requirement selects now and in what order (like LSF `lsload -R`).</summary>
public static class PlacementCommands
{
    public static Command Create()
    {
        var placement = new Command("placement", "placement of tasks by resource requirement");
        placement.Subcommands.Add(Explain());
        return placement;
    }

    private static Command Explain()
    {
        var connection = new ServerConnection();
        var requirement = new Argument<string>("requirement") { Description = "a resource requirement, e.g. \"select[kind=='qpu' && num_qubits>=150] order[qpu_queue_depth]\"" };
        var json = new Option<bool>("--json") { Description = "print the explanation as JSON" };
        var command = new Command("explain", "which resources the requirement selects now, best first, with the index values it read") { requirement, json };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var explained = await connection.Client(parse).ExplainPlacementAsync(parse.GetValue(requirement)!, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(explained, WireJson.Default.PlacementExplanation));
                return 0;
            }
            foreach (var line in Lines(explained)) Console.WriteLine(line);
            return explained.Candidates.Count == 0 ? 1 : 0;
        });
        return command;
    }

    public static IEnumerable<string> Lines(PlacementExplanation explained)
    {
        if (explained.Alternative is not { } alternative)
        {
            yield return "no resource matches";
            yield break;
        }
        yield return $"alternative {alternative}: {explained.Candidates.Count} candidate(s), best first";
        foreach (var line in CandidateLines(explained.Candidates)) yield return line;
        if (explained.NotSelected.Count > 0) yield return $"not selected: {string.Join(", ", explained.NotSelected)}";
    }

    /// <summary>One line per candidate: rank, name, kind, up or not, and each value the requirement read.</summary>
    public static IEnumerable<string> CandidateLines(IReadOnlyList<PlacementCandidate> candidates) =>
        candidates.Select((c, i) => $"  {i + 1,3}. {c.Resource,-20} {c.Kind,-4} {(c.Up ? "up" : "down"),-4} " +
                                    string.Join(' ', c.Values.Select(v => $"{v.Key}={v.Value}")));
}
