using System.Diagnostics;
using Qonduit.Placement.Elim;
using Qonduit.Placement.Indices;

namespace Qonduit.Agent.Tests.Elim;

/// <summary>Each sample of samples/elim run once (1 s interval): its first line is an ELIM line the declarations it documents accept.</summary>
public sealed class SampleReporterTests : IDisposable
{
    private readonly ReporterScripts _scripts = new();

    public void Dispose() => _scripts.Dispose();

    private static string Sample(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "samples", "elim", name);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"samples/elim/{name} is not above {AppContext.BaseDirectory}");
    }

    /// <summary>Runs the sample until its first line (or its exit); what it printed, its exit code (null: still running, killed).</summary>
    private static async Task<(string? Line, int? ExitCode)> FirstLineAsync(string sample, IReadOnlyList<string> args, string? gpuUtil = null)
    {
        var info = new ProcessStartInfo(Sample(sample)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        if (gpuUtil is not null) info.Environment["GPU_UTIL"] = gpuUtil;
        using var process = Process.Start(info)!;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await process.StandardOutput.ReadLineAsync(bound.Token);
        int? exitCode = null;
        if (line is null)
        {
            await process.WaitForExitAsync(bound.Token);
            exitCode = process.ExitCode;
        }
        else process.Kill(entireProcessTree: true);
        return (line, exitCode);
    }

    private static void AssertAccepted(string? line, params IndexDeclaration[] declarations)
    {
        Assert.NotNull(line);
        var parse = ElimLine.Parse(line, new IndexCatalog(declarations));
        Assert.True(parse.Accepted, $"'{line}': {parse.Reason}");
        Assert.Equal(declarations.Select(d => d.Name).Order(), parse.Readings.Select(r => r.Name).Order());
    }

    private static IndexDeclaration Numeric(string name) => new(name, IndexType.Numeric, TimeSpan.FromSeconds(1));

    [Fact]
    public async Task Host_load_reports_the_load_average_and_free_memory()
    {
        var (line, _) = await FirstLineAsync("host-load", ["1"]);

        AssertAccepted(line, Numeric("cpu_load"), Numeric("mem_free_mb"));
    }

    [Fact]
    public async Task Gpu_util_reports_the_value_of_GPU_UTIL_or_its_sequence()
    {
        Assert.Equal("1 gpu_util 42", (await FirstLineAsync("gpu-util", ["1"], gpuUtil: "42")).Line);
        var (line, _) = await FirstLineAsync("gpu-util", ["1"]);
        AssertAccepted(line, Numeric("gpu_util"));
    }

    [Fact]
    public async Task Calibration_drift_replays_the_file_s_fidelities_and_exits_97_without_one()
    {
        var file = Path.Combine(_scripts.Root, "drift.txt");
        File.WriteAllLines(file, ["# fidelity after calibration", "0.995", "0.990"]);

        var (line, _) = await FirstLineAsync("calibration-drift", [file, "1"]);

        AssertAccepted(line, Numeric("qpu_fidelity"));
        Assert.Equal("1 qpu_fidelity 0.995", line);
        Assert.Equal((null, 97), await FirstLineAsync("calibration-drift", [Path.Combine(_scripts.Root, "missing.txt"), "1"]));
    }

    [Fact]
    public async Task Slurm_idle_cpus_reports_a_partition_s_idle_cpus_and_prints_nothing_and_exits_2_for_an_unknown_partition()
    {
        var (line, _) = await FirstLineAsync("slurm-idle-cpus", [DefaultPartition(), "1"]);

        AssertAccepted(line, Numeric("slurm_idle_cpus"));
        Assert.Equal((null, 2), await FirstLineAsync("slurm-idle-cpus", ["no-such-partition", "1"]));
    }

    private static string DefaultPartition()
    {
        var info = new ProcessStartInfo("sinfo") { RedirectStandardOutput = true };
        foreach (var arg in new[] { "-h", "-o", "%P" }) info.ArgumentList.Add(arg);
        using var sinfo = Process.Start(info)!;
        var partitions = sinfo.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(sinfo.WaitForExit(TimeSpan.FromSeconds(20)), "sinfo did not answer");
        Assert.NotEmpty(partitions);
        return (partitions.FirstOrDefault(p => p.EndsWith('*')) ?? partitions[0]).TrimEnd('*');
    }
}
