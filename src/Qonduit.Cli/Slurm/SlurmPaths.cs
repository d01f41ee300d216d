using System.Diagnostics;

namespace Qonduit.Cli.Slurm;

/// <summary>Where Slurm and this executable live, for the plugin's installation and its plugstack.conf line.</summary>
internal static class SlurmPaths
{
    public const string PluginFile = "spank_qonduit.so";
    public const string DebianPluginDir = "/usr/lib/x86_64-linux-gnu/slurm-wlm";
    public const string PlugstackConf = "/etc/slurm/plugstack.conf";
    public const string PlugstackDirectory = "/etc/slurm/plugstack.conf.d";

    /// <summary>Debian's plugstack.conf includes plugstack.conf.d/*.conf: a file of our own there leaves the admin's lines alone.</summary>
    public static string DefaultPlugstack() =>
        Directory.Exists(PlugstackDirectory) ? Path.Combine(PlugstackDirectory, "qonduit.conf") : PlugstackConf;

    /// <summary>Slurm's own PluginDir (scontrol), else Debian's.</summary>
    public static string PluginDir()
    {
        var output = Run("scontrol", "show config");
        var line = output?.Split('\n').FirstOrDefault(l => l.StartsWith("PluginDir", StringComparison.Ordinal));
        var value = line?.Split('=', 2) is [_, var dir] ? dir.Trim().Split(':')[0] : null;
        return string.IsNullOrEmpty(value) ? DebianPluginDir : value;
    }

    /// <summary>The native `qonduit` launcher beside this assembly (not `dotnet`, which runs it under `dotnet qonduit.dll`).</summary>
    public static string QonduitExecutable()
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "qonduit");
        return File.Exists(apphost) ? apphost : Environment.ProcessPath ?? "qonduit";
    }

    public static string PlugstackLine(string pluginDir, string qonduit, string config) =>
        $"required {Path.Combine(pluginDir, PluginFile)} qonduit={qonduit} config={config}";

    /// <summary>Runs a command and returns its stdout, or null when it cannot be run or fails.</summary>
    public static string? Run(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
