using System.Text.Json;
using Qonduit.Contracts.Placement;
using Qonduit.Server.Events;

namespace Qonduit.Server.Tasks;

/// <summary>Builds the events the automaton appends; the data is the task's lifecycle fields after the change.</summary>
public static class TaskEvents
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="reason">Why the control plane took the task from its owner (agent-restarted, omitted-from-heartbeats, owner-stale).</param>
    /// <param name="placement">How a requirement task's claim placed it (on its claim event only).</param>
    public static NewEvent Of(string type, TaskRecord task, string? by, string? reason = null, PlacementDecision? placement = null) =>
        new(type, task.Id, task.Device, task.Tenant, JsonSerializer.Serialize(new TaskEventData(
            task.Id, task.State, task.Phase, task.Owner, task.Attempt, task.BoundSnapshotVersion,
            task.SchedulerJobId, task.Error, by, reason, placement), Json)) { TaskSequence = task.Sequence > 0 ? task.Sequence : null };

    public static NewEvent Rejected(TaskRecord task, string operation, string agent, Refusal refusal) =>
        new(EventTypes.TaskReportRejected, task.Id, task.Device, task.Tenant, JsonSerializer.Serialize(new RejectedReportData(
            task.Id, operation, agent, task.State, task.Owner, refusal.Code, refusal.Message), Json)) { TaskSequence = task.Sequence > 0 ? task.Sequence : null };
}

public sealed record TaskEventData(
    Guid TaskId,
    TaskState State,
    TaskPhase? Step,
    string? Owner,
    int Attempt,
    int? BoundSnapshotVersion,
    string? SchedulerJobId,
    TaskError? Error,
    string? By,
    string? Reason = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    PlacementDecision? Placement = null);

public sealed record RejectedReportData(
    Guid TaskId,
    string Operation,
    string AgentId,
    TaskState State,
    string? Owner,
    string Code,
    string Reason);
