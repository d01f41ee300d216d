using System.Text.Json;

namespace Qonduit.Contracts.Events;

/// <summary>
/// One event of `GET /v1/events` (the `data:` of a Server-Sent Event); <see cref="Sequence"/> is the store's global
/// sequence and the SSE `id:`. <see cref="Data"/> depends on <see cref="Type"/> (docs/architecture.md "Task lifecycle").
/// </summary>
public sealed record EventView(long Sequence, string Type, Guid? TaskId, string? Device, DateTimeOffset At, JsonElement Data);
