using System.Text.Json.Nodes;
using Qonduit.Graphs.Definition;
using Qonduit.Graphs.Runs;

namespace Qonduit.Graphs.Tests.Runs;

/// <summary>
/// Plays the engine around the pure planner: advances the run, gives each attempt a task id, and lets a test decide how
/// each attempt ends — by default a circuit completes with counts naming its node key and attempt.
/// </summary>
internal sealed class RunDriver(Graph graph, JsonObject? inputs = null)
{
    public RunState Run { get; } = new(graph, inputs ?? []);

    public DateTimeOffset Now { get; set; } = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every attempt ever dispatched, in order.</summary>
    public List<AttemptRequest> Dispatched { get; } = [];

    public List<Guid> Cancelled { get; } = [];

    public DateTimeOffset? NextDueAt { get; private set; }

    public List<AttemptRequest> Advance()
    {
        var step = RunPlanner.Advance(Run, Now);
        foreach (var request in step.Dispatches) request.Instance.TaskId = Guid.NewGuid();
        Dispatched.AddRange(step.Dispatches);
        Cancelled.AddRange(step.Cancels);
        NextDueAt = step.NextDueAt;
        return [.. step.Dispatches];
    }

    public void Succeed(AttemptRequest request, JsonObject? outputs = null) =>
        RunPlanner.AttemptSucceeded(Run, request.Instance.Key, outputs ?? new JsonObject
        {
            ["counts"] = new JsonObject { [request.Instance.Key] = request.Attempt },
            ["result"] = "r",
        }, Now);

    public void Fail(AttemptRequest request, string code) => RunPlanner.AttemptFailed(Run, request.Instance.Key, code, "it failed", Now);

    /// <summary>Advances and ends every dispatched attempt as <paramref name="end"/> says, until no attempt is left waiting.</summary>
    public void RunToQuiet(Action<AttemptRequest> end)
    {
        for (var pending = Advance(); pending.Count > 0; pending = Advance())
            foreach (var request in pending) end(request);
    }

    public NodeInstance this[string key] => Run.Instances[key];
}
