using Qonduit.Client.Primitives;

namespace Qonduit.Qrmi.Primitives;

/// <summary>
/// Any QRMI resource as the target of Qonduit.Client's Sampler and Estimator: starts a task and polls its status,
/// backing off from 50 ms to 1 s, until it is terminal. A failed or cancelled task is a
/// <see cref="TaskNotCompletedException"/> (qrmi.task-failed or qrmi.task-not-completed).
/// </summary>
public sealed class ResourceSamplingTarget(IQuantumResource resource, TimeProvider? time = null) : ISamplingTarget
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string Name => resource.ResourceId;

    public Task<string> StartAsync(CircuitRun run, CancellationToken cancellationToken = default) =>
        resource.TaskStartAsync(new TaskPayload(run.Circuit, run.Shots, run.Dialect, run.Seed) { Trajectories = run.Trajectories }, cancellationToken);

    public async Task<SampledResult> ResultAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (!(await resource.TaskStatusAsync(taskId, cancellationToken).ConfigureAwait(false)).IsTerminal())
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(1000, delay.TotalMilliseconds * 1.5));
        }
        var result = await resource.TaskResultAsync(taskId, cancellationToken).ConfigureAwait(false);
        return new SampledResult(result.TaskId, result.Shots, result.Seed, result.Counts, result.BoundSnapshotVersion);
    }
}

public static class SamplingTargets
{
    /// <summary>The resource as the target of a <see cref="Sampler"/> or <see cref="Estimator"/>.</summary>
    public static ISamplingTarget AsSamplingTarget(this IQuantumResource resource, TimeProvider? time = null) =>
        new ResourceSamplingTarget(resource, time);
}
