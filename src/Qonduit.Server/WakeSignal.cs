namespace Qonduit.Server;

/// <summary>
/// A wake-up for waiters that must never poll: each pulse completes the current task and installs a fresh one. A
/// waiter takes <see cref="Next"/> before it looks, so a pulse between its look and its wait is never missed.
/// </summary>
public abstract class WakeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
