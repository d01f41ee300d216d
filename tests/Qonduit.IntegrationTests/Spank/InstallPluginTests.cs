using System.Collections.Concurrent;

namespace Qonduit.IntegrationTests.Spank;

/// <summary>
/// `qonduit slurm install-plugin` on a cluster that is running jobs: slurmstepd opens plugstack.conf and the plugin at
/// every job launch, and a `required` plugin it cannot open fails the launch and drains the node. So a reinstall must
/// never leave either path missing or half-written: both are written beside themselves and renamed over the old ones.
/// (In the Spank collection: it builds in the same source folder as the fixture's installation.)
/// </summary>
[Collection(SpankCollection.Name)]
public sealed class InstallPluginTests(SpankFixture fixture)
{
    [Fact]
    public async Task A_reinstall_replaces_the_plugin_and_its_plugstack_line_by_rename_so_a_job_launch_never_finds_them_missing()
    {
        var root = Directory.CreateTempSubdirectory("qonduit-install-plugin-").FullName;
        var pluginDir = Directory.CreateDirectory(Path.Combine(root, "plugins")).FullName;
        var plugstack = Path.Combine(Directory.CreateDirectory(Path.Combine(root, "plugstack.conf.d")).FullName, "qonduit.conf");
        try
        {
            string[] install = ["slurm", "install-plugin", "--plugin-dir", pluginDir, "--plugstack", plugstack, "--config", fixture.ConfigPath];
            SlurmCluster.Run(fixture.Qonduit, install);
            var plugin = Path.Combine(pluginDir, "spank_qonduit.so");
            var firstPlugin = await File.ReadAllBytesAsync(plugin);

            var events = new ConcurrentQueue<string>();
            using var pluginWatch = Watch(pluginDir, events);
            using var plugstackWatch = Watch(Path.GetDirectoryName(plugstack)!, events);
            SlurmCluster.Run(fixture.Qonduit, install);
            // The watchers' last events arrive on their own threads: the two renames are the last things the command does.
            await Until(() => events.Count(e => e.StartsWith("Renamed ", StringComparison.Ordinal)) >= 2);

            var touchingTargets = events.Where(e => e.EndsWith(" spank_qonduit.so", StringComparison.Ordinal) || e.EndsWith(" qonduit.conf", StringComparison.Ordinal));
            Assert.Equal(["Renamed qonduit.conf", "Renamed spank_qonduit.so"], touchingTargets.Order(StringComparer.Ordinal));
            Assert.Equal(firstPlugin, await File.ReadAllBytesAsync(plugin));
            var line = Assert.Single(await File.ReadAllLinesAsync(plugstack));
            Assert.Equal($"required {plugin} qonduit={fixture.Qonduit} config={fixture.ConfigPath}", line);
            Assert.Equal(["qonduit.conf"], Directory.GetFiles(Path.GetDirectoryName(plugstack)!).Select(Path.GetFileName));
            Assert.Equal(["spank_qonduit.so"], Directory.GetFiles(pluginDir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static FileSystemWatcher Watch(string directory, ConcurrentQueue<string> events)
    {
        var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = false, EnableRaisingEvents = true };
        watcher.Created += (_, e) => events.Enqueue($"Created {e.Name}");
        watcher.Changed += (_, e) => events.Enqueue($"Changed {e.Name}");
        watcher.Deleted += (_, e) => events.Enqueue($"Deleted {e.Name}");
        watcher.Renamed += (_, e) => events.Enqueue($"Renamed {e.Name}");
        return watcher;
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), "the watchers did not see both renames within 5 s");
    }
}
