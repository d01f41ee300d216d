using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Contracts.Tasks;

/// <summary>`GET /v1/tasks/{id}/result` once terminal: the runner's result when completed, the error otherwise.</summary>
public sealed record TaskResultView(Guid TaskId, TaskState State, int? BoundSnapshotVersion, RunResult? Result, TaskError? Error);
