using Qonduit.Contracts.Accounting;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Tasks;
using Qonduit.Devices.Admission;

namespace Qonduit.Server.Tasks;

/// <summary>How the API shows a task: the mappings from the stored record to the wire records of Qonduit.Contracts.</summary>
public static class TaskViews
{
    /// <summary>The pending reason shows only while queued and progress only while running (<see cref="TaskViewBuilder"/> computes both).</summary>
    public static TaskView From(TaskRecord t, bool stale = false, PendingReason? pending = null, TaskProgress? progress = null) => new(
        t.Id, t.Tenant, t.Device, t.Dialect, t.Shots, t.Seed, t.Priority, t.Tags, t.State, t.Phase, t.Owner, t.Attempt,
        t.RequestedSnapshotVersion, t.AdmittedSnapshotVersion, t.BoundSnapshotVersion, t.SchedulerJobId, stale,
        t.NumQubits, t.InstructionCount, t.Transpile, t.Trajectories, t.CreatedAt, t.UpdatedAt, t.ClaimedAt, t.SubmittedAt, t.FinishedAt, t.Error, t.LeaseId,
        t.State == TaskState.Queued ? pending : null, t.State == TaskState.Running ? progress : null, t.Requirement, t.Noise, Usage: Usage(t), Command: t.Command?.Name);

    /// <summary>What it used, once it ended after a claim (<see cref="TaskAccounting"/>); null before, and for one that never ran.</summary>
    public static TaskUsageView? Usage(TaskRecord t) => t is { IsTerminal: true, ClaimedAt: not null }
        ? new TaskUsageView(t.LaneSeconds, TaskAccounting.ShotsUsed(t), t.Simulations, t.CpuSeconds)
        : null;

    public static ClaimedTaskView Claimed(TaskRecord t) =>
        new(t.Id, t.Tenant, t.Device, t.Dialect, t.Circuit, t.Shots, t.Seed, t.Priority, t.Tags, t.Attempt, t.BoundSnapshotVersion ?? 0, t.Transpile, t.Trajectories, t.Command);

    public static ViolationView From(AdmissibilityViolation v) =>
        new(v.Code, v.Kind.ToString(), v.InstructionIndex, v.Location?.Line, v.Location?.Column, v.Message);
}
