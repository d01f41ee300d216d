using Qonduit.Contracts.Tasks;

namespace Qonduit.Client;

/// <summary>The query of `GET /v1/tasks`: filters and the page to read.</summary>
public sealed record TaskQueryOptions(TaskState? State = null, string? Device = null, string? Cursor = null, int? Limit = null);

/// <summary>The filters of `GET /v1/events`: one task, one device, event types (`task.*` matches a prefix).</summary>
public sealed record EventSubscription(Guid? TaskId = null, string? Device = null, IReadOnlyList<string>? Types = null);
