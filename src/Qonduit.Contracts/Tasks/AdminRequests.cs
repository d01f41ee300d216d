namespace Qonduit.Contracts.Tasks;

/// <summary>`POST /v1/tasks/{id}/requeue` (admin): without <see cref="Force"/> only a task whose owner is stale.</summary>
public sealed record RequeueRequest(bool Force = false);

/// <summary>`POST /v1/tasks/{id}/force-fail` (admin).</summary>
public sealed record ForceFailRequest(string? Reason);
