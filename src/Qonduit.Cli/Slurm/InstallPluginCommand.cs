using System.CommandLine;
using System.Diagnostics;
using Qonduit.Circuits;
using Qonduit.Cli.Infrastructure;
using Qonduit.Qrmi.Config;

namespace Qonduit.Cli.Slurm;

/// <summary>
/// `qonduit slurm install-plugin`: builds native/slurm-spank with make, installs the plugin into Slurm's
/// PluginDir and writes its line into plugstack.conf (replacing an earlier one). slurmstepd and sbatch read
/// plugstack.conf when they start, so no daemon restart is needed.
/// </summary>
internal static class InstallPluginCommand
{
    public static Command Create()
    {
        var source = new Option<string?>("--source") { Description = "the plugin's source folder (default: native/slurm-spank of this checkout)" };
        var pluginDir = new Option<string>("--plugin-dir") { Description = "Slurm's PluginDir", DefaultValueFactory = _ => SlurmPaths.PluginDir() };
        var plugstack = new Option<string>("--plugstack") { Description = "plugstack.conf to edit", DefaultValueFactory = _ => SlurmPaths.DefaultPlugstack() };
        var qonduit = new Option<string>("--qonduit") { Description = "qonduit executable the plugin runs", DefaultValueFactory = _ => SlurmPaths.QonduitExecutable() };
        var config = new Option<string>("--config", "-c") { Description = "qrmi_config.json the plugin passes on", DefaultValueFactory = _ => QrmiConfig.DefaultPath };
        var command = new Command("install-plugin", "build and install the --qpu SPANK plugin and register it in plugstack.conf")
        {
            source, pluginDir, plugstack, qonduit, config,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(source) ?? FindSource();
            var dir = parse.GetValue(pluginDir)!;
            Make(folder, "all");
            Make(folder, "install", $"PLUGINDIR={dir}");
            var line = SlurmPaths.PlugstackLine(dir, Path.GetFullPath(parse.GetValue(qonduit)!), Path.GetFullPath(parse.GetValue(config)!));
            var path = parse.GetValue(plugstack)!;
            var kept = File.Exists(path)
                ? File.ReadAllLines(path).Where(l => !l.Contains(SlurmPaths.PluginFile, StringComparison.Ordinal)).ToList()
                : [];
            kept.Add(line);
            ReplaceFile(path, kept);
            Console.WriteLine($"installed {Path.Combine(dir, SlurmPaths.PluginFile)}");
            Console.WriteLine($"{path}: {line}");
            return CliRunner.Success;
        });
        return command;
    }

    /// <summary>
    /// Writes the file whole beside itself and renames it over the old one: every job launch reads plugstack.conf, and
    /// one that read it half-written would fail and drain its node.
    /// </summary>
    private static void ReplaceFile(string path, IEnumerable<string> lines)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var staged = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.new");
        File.WriteAllLines(staged, lines);
        File.Move(staged, full, overwrite: true);
    }

    private static string FindSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "native", "slurm-spank");
            if (File.Exists(Path.Combine(candidate, "Makefile"))) return candidate;
        }
        throw new QonduitException(ErrorCodes.Cli.PluginSourceNotFound, "native/slurm-spank was not found above this executable; give --source");
    }

    private static void Make(string folder, params string[] arguments)
    {
        var info = new ProcessStartInfo("make", ["-C", folder, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new QonduitException(ErrorCodes.Cli.PluginBuildFailed, "make did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new QonduitException(ErrorCodes.Cli.PluginBuildFailed, $"cannot run make ({e.Message}); install build-essential and libslurm-dev");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new QonduitException(ErrorCodes.Cli.PluginBuildFailed, $"make {string.Join(' ', arguments)} failed in {folder}:\n{stdout.Result}{stderr}");
        }
    }
}
