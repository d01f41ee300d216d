using Qonduit.Placement.Indices;

namespace Qonduit.Placement.Requirements.Evaluation;

/// <summary>
/// A lane placement may choose, as the server sees it at claim time: whether its agent is alive (heartbeats decide) and
/// the latest sample of each index it reports, built-in ones (`kind`, `num_qubits`, …) included.
/// </summary>
public sealed record LaneCandidate(string LaneId, bool Up, IReadOnlyDictionary<string, IndexSample> Indices);
