using Qonduit.Agent.Scheduling;
using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Agent.Runs;

/// <summary>
/// Wakes the finalisation pipeline the moment a runner renames result.json or error.json into a run directory, so a
/// finished task is reported without waiting out the observe interval. It only shortens the pause: on a shared file
/// system whose remote writes raise no local events the periodic observation still finds the artifact.
/// </summary>
public sealed class ArtifactWatch : IJobEndSignal, IDisposable
{
    private readonly FileSystemWatcher? watcher;
    private readonly JobEndPulse landed = new();

    public ArtifactWatch(string runRoot)
    {
        try
        {
            watcher = new FileSystemWatcher(runRoot)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName,
            };
            watcher.Filters.Add(RunFiles.Result);
            watcher.Filters.Add(RunFiles.Error);
            watcher.Created += (_, _) => landed.Pulse();
            watcher.Renamed += (_, _) => landed.Pulse();
            watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // No inotify (or its watch limit reached): the periodic observation alone finds artifacts.
            watcher?.Dispose();
            watcher = null;
        }
    }

    /// <summary>Completes when an artifact lands after this call; take it before looking, so none is missed in between.</summary>
    public Task NextEnd => landed.NextEnd;

    public void Dispose() => watcher?.Dispose();
}
