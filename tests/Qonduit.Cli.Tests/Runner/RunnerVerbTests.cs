using System.Diagnostics;
using System.Text;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Devices.Generators;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Cli.Tests.Runner;

/// <summary>`qonduit runner DIR` as a scheduler runs it: SIGTERM (a local cancel, `scancel`) stops the simulation at once.</summary>
public sealed class RunnerVerbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qonduit-runner-verb-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task SIGTERM_stops_a_running_simulation_with_the_cancelled_exit_code_and_no_artifact()
    {
        var circuit = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\n");
        for (var i = 0; i < 200; i++) circuit.Append("x q[0];\nx q[1];\n");
        // A hundred thousand noisy shots, one error pattern each: far longer than the test waits.
        PayloadFile.Write(_dir, new RunPayload
        {
            TaskId = "sigterm",
            Dialect = Dialects.OpenQasm2,
            Circuit = circuit.Append("measure q -> c;\n").ToString(),
            Shots = 100_000,
            Seed = 3,
            Snapshot = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 3, Seed: 7, Name: "line3")),
        });
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "qonduit.dll"), "runner", _dir]) start.ArgumentList.Add(argument);
        using var runner = Process.Start(start)!;
        var progress = Path.Combine(_dir, RunFiles.Progress);
        await Eventually.TrueAsync(() => File.Exists(progress) && File.ReadAllText(progress).Contains("\"simulate\"", StringComparison.Ordinal), "the simulate phase");

        using (var term = Process.Start("kill", ["-TERM", runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await runner.WaitForExitAsync(bound.Token);

        Assert.Equal(3, runner.ExitCode);
        Assert.False(File.Exists(Path.Combine(_dir, RunFiles.Result)));
        Assert.False(File.Exists(Path.Combine(_dir, RunFiles.Error)));
        Assert.Contains("cancelled", await File.ReadAllTextAsync(Path.Combine(_dir, RunFiles.Log)), StringComparison.Ordinal);
    }
}
