namespace Qonduit.Server.Agents;

/// <summary>
/// Wakes long-polling claims when work arrives (submit, requeue): each pulse completes the current task and
/// installs a fresh one. A claimer takes <see cref="Next"/> before it looks for work, so a pulse between its look
/// and its wait is never missed, and nobody polls in a loop.
/// </summary>
public sealed class WorkSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
