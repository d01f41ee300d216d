using System.Text.Json;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Cli.Tasks;

/// <summary>
/// `qonduit submit --command NAME --requirement REQ [--stdin FILE] -- ARGS…`: a command task (docs/architecture.md
/// "Command tasks"). Every positional word is one arg of the command, given to it as one argv entry; the server refuses
/// what only a circuit takes, so the circuit's options are passed on only when given, to be refused by name.
/// </summary>
public static class CommandSubmission
{
    public static SubmitTaskRequest Request(string name, IReadOnlyList<string> args, string? stdin, string? requirement, int? priority, string? device) =>
        new(device, null, null, null, Priority: priority, Requirement: requirement, Command: new TaskCommand(name, args, stdin));

    /// <summary>What `tasks result` and `submit --wait` print of a completed command: its exit, its outputs, the end of its stdout.</summary>
    public static IEnumerable<string> Lines(CommandResult result)
    {
        yield return $"command {result.Name} exited {result.ExitCode}";
        yield return result.Outputs is { } outputs ? "outputs: " + JsonSerializer.Serialize(outputs) : "outputs: none (it wrote no outputs.json)";
        if (result.StdoutTail.Length == 0) yield break;
        yield return result.StdoutTruncated ? "stdout ends (its log in the run directory was cut at its bound):" : "stdout ends:";
        foreach (var line in result.StdoutTail.TrimEnd('\n').Split('\n')) yield return "  " + line;
    }
}
