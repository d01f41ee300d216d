using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Bench;

/// <summary>
/// The smallest result a protocol-only bench agent reports for a 2-qubit task: complete enough for the server's result
/// validation, so the benchmark times the completion path rather than a refusal.
/// </summary>
internal static class MinimalRunResult
{
    public static RunResult For(Guid task, string device) => new()
    {
        TaskId = task.ToString(), Device = device, BoundSnapshotVersion = 1, SnapshotHash = "sha256:bench", Shots = 100, Seed = 1,
        Counts = new Dictionary<string, int> { ["00"] = 100 }, Circuit = new CircuitShape(2, 2, 2, 3, 1, Transpiled: false), Timings = new RunTimings(0, 0, 0, 0, 0),
    };
}
