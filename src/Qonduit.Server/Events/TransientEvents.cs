namespace Qonduit.Server.Events;

/// <summary>
/// Events the hub fans out live but the store never holds (progress): they carry <see cref="Sequence"/> instead of a
/// store sequence (`sequence: 0` in their data), so the stream writes them without an `id:` and a reconnect's
/// Last-Event-ID replay never includes them.
/// </summary>
public static class TransientEvents
{
    /// <summary>Below every store sequence, which starts at 1.</summary>
    public const long Sequence = 0;

    /// <summary>A running task's progress changed: `data` is its task view's `progress`; at most once per task per second.</summary>
    public const string TaskProgress = "task.progress";
}
