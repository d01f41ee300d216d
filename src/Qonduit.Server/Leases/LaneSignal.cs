namespace Qonduit.Server.Leases;

/// <summary>
/// Wakes acquisitions waiting for a lane when one may have freed (release, expiry, more lanes), as
/// <see cref="Agents.WorkSignal"/> wakes claims: a waiter takes <see cref="Next"/> before it looks, so a pulse
/// between its look and its wait is never missed, and nobody polls in a loop.
/// </summary>
public sealed class LaneSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
