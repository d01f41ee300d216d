using Qonduit.Placement.Requirements.Evaluation;

namespace Qonduit.Graphs.Runs;

/// <summary>How many of a map's children ended, and how: what `AnySucceeded` and `AllFailed` read before the map ends.</summary>
public readonly record struct ChildCounts(int Total, int Succeeded, int Failed, int Ended);

/// <summary>
/// One node of one scope instance (the graph's, an iteration's, a map child's) as expressions read it: its state, its
/// scalar outputs (numbers and text; lists and documents travel as artifacts, never into expressions) and, for a map,
/// its children's counts.
/// </summary>
public sealed record NodeSnapshot(NodeState State, IReadOnlyDictionary<string, Value>? Outputs = null, ChildCounts? Children = null);
