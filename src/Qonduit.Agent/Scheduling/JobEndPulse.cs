namespace Qonduit.Agent.Scheduling;

/// <summary>
/// The one <see cref="IJobEndSignal"/> implementation: each <see cref="Pulse"/> completes the current task and installs a
/// fresh one, so a waiter that read <see cref="NextEnd"/> before looking never misses an end in between.
/// </summary>
public sealed class JobEndPulse : IJobEndSignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task NextEnd => Volatile.Read(ref next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
