namespace Qonduit.Agent.Scheduling;

/// <summary>
/// The one <see cref="IJobEndSignal"/> implementation: each <see cref="Pulse"/> completes the current task and installs a
/// fresh one, so a waiter that read <see cref="NextEnd"/> before looking never misses an end in between.
/// </summary>
public sealed class JobEndPulse : IJobEndSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task NextEnd => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
