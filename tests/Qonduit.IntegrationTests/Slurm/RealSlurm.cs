using System.Diagnostics;
using Qonduit.Tests.Shared;

namespace Qonduit.IntegrationTests.Slurm;

/// <summary>
/// The real single-node cluster scripts/setup/slurm.sh starts. Tests that need it fail (never skip) when it is not
/// running, naming the script that starts it.
/// </summary>
public sealed class RealSlurm
{
    public const string WorkRoot = "/tmp/qonduit-slurm-tests";

    public RealSlurm()
    {
        var sinfo = Run("sinfo", "-h", "-o", "%t");
        if (sinfo.ExitCode != 0 || !sinfo.Stdout.Split('\n').Any(s => s.Trim() is "idle" or "mix" or "alloc" or "comp"))
            throw new InvalidOperationException(
                $"Slurm is not running here (sinfo: '{(sinfo.Stdout + sinfo.Stderr).Trim()}'): run scripts/setup/slurm.sh as root first");
        Directory.CreateDirectory(WorkRoot);
    }

    /// <summary>A fresh directory under <see cref="WorkRoot"/> (visible to slurmd, which runs jobs as the submitting user).</summary>
    public static string NewDirectory(string prefix = "run") =>
        Directory.CreateDirectory(Path.Combine(WorkRoot, $"{prefix}-{Guid.NewGuid()}")).FullName;

    /// <summary>The `qonduit` launcher built in the same configuration as this test run.</summary>
    public static string Qonduit()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepoPaths.Root, "src", "Qonduit.Cli", "bin", configuration, "net10.0", "qonduit");
        return File.Exists(path) ? path : throw new FileNotFoundException($"build src/Qonduit.Cli ({configuration}) first: {path} is missing");
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", $"{file}: {e.Message}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RealSlurmCollection : ICollectionFixture<RealSlurm>
{
    public const string Name = "real-slurm";
}
