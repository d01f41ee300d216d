using Qonduit.Circuits;
using System.Text.Json.Nodes;
using Qonduit.Graphs.Runs;

namespace Qonduit.Server.Graphs;

/// <summary>
/// The task an attempt is submitted as: a circuit node's circuit (written in the graph or arriving on its `circuit`
/// port as QASM text), its parameters bound by the planner, its requirement; a command node's command with its
/// arguments, its bound inputs as one JSON object on stdin (`{"port": value, …}`; at most 64 KiB, the stdin bound).
/// Tagged with the run so `tasks list` shows whose it is. Admission is the tasks' own: an attempt is refused exactly as
/// the same submission would be.
/// </summary>
internal static class AttemptTasks
{
    public static SubmitTaskRequest Request(RunRecord run, AttemptRequest attempt)
    {
        var node = attempt.Instance.Node;
        if (node.Command is { } command)
            return new SubmitTaskRequest(null, null, null, null, Tags: [$"run:{run.Id}"], Requirement: node.Requirement,
                Command: new TaskCommand(command.Name, command.Args, attempt.Inputs.Count > 0 ? attempt.Inputs.ToJsonString() : null));
        var circuit = node.Circuit!;
        var text = circuit.Qasm ?? (attempt.Inputs["circuit"] is JsonValue value && value.TryGetValue<string>(out var inline)
            ? inline
            : throw new QonduitException(ErrorCodes.Graph.OutputMissing, $"{node.Path}: the circuit port takes the circuit's text"));
        return new SubmitTaskRequest(circuit.Device, text, null, circuit.Shots, circuit.Seed,
            Tags: [$"run:{run.Id}"], Requirement: node.Requirement, Noise: circuit.Noise,
            Parameters: attempt.Parameters.Count > 0 ? attempt.Parameters : null);
    }
}
