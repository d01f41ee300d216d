using System.Text.Json.Nodes;
using Qonduit.Graphs.Runs;

namespace Qonduit.Server.Graphs;

/// <summary>
/// The task an attempt is submitted as: a circuit node's circuit (written in the graph or arriving on its `circuit`
/// port as QASM text), its parameters bound by the planner, its requirement; tagged with the run so `tasks list` shows
/// whose it is. Admission is the tasks' own: an attempt is refused exactly as the same submission would be.
/// </summary>
internal static class AttemptTasks
{
    public static SubmitTaskRequest Request(RunRecord run, AttemptRequest attempt)
    {
        var node = attempt.Instance.Node;
        if (node.Circuit is not { } circuit)
            throw new RefusedException(ErrorCodes.Graph.Invalid, $"{node.Path}: command tasks are not admitted yet");
        var text = circuit.Qasm ?? (attempt.Inputs["circuit"] is JsonValue value && value.TryGetValue<string>(out var inline)
            ? inline
            : throw new RefusedException(ErrorCodes.Graph.OutputMissing, $"{node.Path}: the circuit port takes the circuit's text"));
        return new SubmitTaskRequest(circuit.Device, text, null, circuit.Shots, circuit.Seed,
            Tags: [$"run:{run.Id}"], Requirement: node.Requirement, Noise: circuit.Noise,
            Parameters: attempt.Parameters.Count > 0 ? attempt.Parameters : null);
    }
}
