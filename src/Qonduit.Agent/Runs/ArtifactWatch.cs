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
    private readonly FileSystemWatcher? _watcher;
    private readonly JobEndPulse _landed = new();

    public ArtifactWatch(string runRoot)
    {
        try
        {
            _watcher = new FileSystemWatcher(runRoot)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName,
            };
            _watcher.Filters.Add(RunFiles.Result);
            _watcher.Filters.Add(RunFiles.Error);
            _watcher.Created += (_, _) => _landed.Pulse();
            _watcher.Renamed += (_, _) => _landed.Pulse();
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // No inotify (or its watch limit reached): the periodic observation alone finds artifacts.
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    /// <summary>Completes when an artifact lands after this call; take it before looking, so none is missed in between.</summary>
    public Task NextEnd => _landed.NextEnd;

    public void Dispose() => _watcher?.Dispose();
}
