using Qonduit.Contracts.Tasks;

namespace Qonduit.Client.Primitives;

/// <summary>
/// A device of a control plane as the primitives' target: tasks go through <see cref="QonduitClient"/> and are
/// accounted to <see cref="LeaseToken"/> when one is held (a `--qpu` job's acquisition token).
/// </summary>
public sealed class QonduitDevice(QonduitClient client, string device, string? leaseToken = null, string? name = null) : ISamplingTarget
{
    /// <summary>How often a waiting result polls the task (the SSE stream would be the push alternative).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public string Name { get; } = name ?? device;

    public string Device { get; } = device;

    public string? LeaseToken { get; } = leaseToken;

    public QonduitClient Client { get; } = client;

    public async Task<string> StartAsync(CircuitRun run, CancellationToken cancellationToken = default)
    {
        var task = await Client.SubmitAsync(new SubmitTaskRequest(Device, run.Circuit, run.Dialect, run.Shots, (long?)run.Seed, LeaseToken: LeaseToken,
            Trajectories: run.Trajectories),
            cancellationToken).ConfigureAwait(false);
        return task.Id.ToString();
    }

    public async Task<SampledResult> ResultAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var id = Guid.Parse(taskId);
        var task = await Client.WaitAsync(id, PollInterval, cancellationToken).ConfigureAwait(false);
        if (task.State != TaskState.Completed)
            throw new SampledTaskFailedException(taskId, task.State.Name(), task.Error?.Message);
        var result = await Client.GetResultAsync(id, cancellationToken).ConfigureAwait(false);
        return new SampledResult(taskId, task.Shots, (ulong?)task.Seed, SampledResult.CountsOf(result.Result), result.BoundSnapshotVersion);
    }
}
