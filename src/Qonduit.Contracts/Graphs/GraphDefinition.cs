namespace Qonduit.Contracts.Graphs;

/// <summary>
/// A service graph as posted (docs/orchestration.md §4): nodes in any order, wired by the names their fields read —
/// `nodes.&lt;id&gt;.outputs.&lt;field&gt;` for data, `nodes.&lt;id&gt;.Succeeded` (and the other states) for control,
/// `inputs.&lt;name&gt;` for what a run is given. Everything is optional on the wire so a missing field is refused by
/// name (400 `graph.invalid`), not by the JSON binder.
/// </summary>
/// <param name="Inputs">What a run is given: name → media type (`application/qasm[]` for a list of circuits).</param>
/// <param name="AbortRunOnNodeFailure">A node that fails with no dependent to handle it cancels the rest of the run at
/// once (default false: the nodes that do not depend on it run to their end).</param>
public sealed record GraphDefinition(
    string? Name,
    IReadOnlyList<GraphNodeDefinition>? Nodes,
    IReadOnlyDictionary<string, string>? Inputs = null,
    bool? AbortRunOnNodeFailure = null);

/// <summary>
/// One node. <see cref="Kind"/> says which fields apply: `task` (<see cref="Circuit"/> or <see cref="Command"/>), `map`
/// (<see cref="Over"/>, <see cref="Template"/>), `join` (<see cref="From"/>, <see cref="Mode"/>), `loop`
/// (<see cref="Body"/>, <see cref="MaxIterations"/>, <see cref="Until"/>) and `subgraph` (<see cref="Body"/>).
/// </summary>
/// <param name="Depends">Control: an expression over upstream states; default every upstream node Succeeded or Skipped.</param>
/// <param name="When">Run only if this expression holds once <see cref="Depends"/> does; otherwise the node is Skipped.</param>
/// <param name="After">Upstream nodes this one waits for without reading their data.</param>
/// <param name="Inputs">Data edges: port → source (`nodes.&lt;id&gt;.outputs.&lt;field&gt;`, `inputs.&lt;name&gt;`, or in a map's
/// template `item`).</param>
/// <param name="InputTypes">A command's ports: port → the media type it accepts (a circuit task's are fixed).</param>
/// <param name="Outputs">A command's outputs: name → media type; a loop's or subgraph's: name → the body's source.</param>
/// <param name="Consumer">The fair-share consumer the node's tasks are charged to: the caller's own (403 otherwise).</param>
public sealed record GraphNodeDefinition(
    string? Id,
    string? Kind,
    string? Depends = null,
    string? When = null,
    IReadOnlyList<string>? After = null,
    IReadOnlyDictionary<string, string>? Inputs = null,
    IReadOnlyDictionary<string, string>? InputTypes = null,
    IReadOnlyDictionary<string, string>? Outputs = null,
    string? Requirement = null,
    string? Consumer = null,
    NodeRetryDefinition? Retry = null,
    CircuitStepDefinition? Circuit = null,
    CommandStepDefinition? Command = null,
    string? Over = null,
    GraphNodeDefinition? Template = null,
    string? From = null,
    string? Mode = null,
    int? MaxIterations = null,
    string? Until = null,
    IReadOnlyList<GraphNodeDefinition>? Body = null);

/// <summary>
/// A circuit task: the circuit written here or arriving on the `circuit` port, bound per attempt with
/// <see cref="Parameters"/> (name → an expression of the placement grammar over upstream outputs).
/// </summary>
public sealed record CircuitStepDefinition(
    string? Qasm = null,
    string? Device = null,
    int? Shots = null,
    long? Seed = null,
    string? Noise = null,
    IReadOnlyDictionary<string, string>? Parameters = null);

/// <summary>A classical step: a command the running agent's operator declared, with arguments (never a shell line).</summary>
public sealed record CommandStepDefinition(string? Name, IReadOnlyList<string>? Args = null);

/// <summary>
/// Retries of a node's attempts (Temporal's policy): the delay before attempt n+1 is
/// min(initial · coefficient^(n−1), maximum); a failure whose code is listed in <see cref="NonRetryable"/> is final.
/// </summary>
public sealed record NodeRetryDefinition(
    int? MaxAttempts = null,
    double? InitialIntervalSeconds = null,
    double? Coefficient = null,
    double? MaxIntervalSeconds = null,
    IReadOnlyList<string>? NonRetryable = null);
