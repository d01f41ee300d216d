namespace Qonduit.Qrmi.Primitives;

/// <summary>Polls a resource until a task is terminal, backing off from 50 ms to 1 s, and returns its result.</summary>
public static class TaskWaiter
{
    public static async Task<TaskResult> WaitAsync(IQuantumResource resource, string taskId, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var delay = TimeSpan.FromMilliseconds(50);
        while (!(await resource.TaskStatusAsync(taskId, cancellationToken).ConfigureAwait(false)).IsTerminal())
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(1000, delay.TotalMilliseconds * 1.5));
        }
        return await resource.TaskResultAsync(taskId, cancellationToken).ConfigureAwait(false);
    }
}
