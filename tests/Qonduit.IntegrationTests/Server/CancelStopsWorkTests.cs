using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Qonduit.IntegrationTests.Server;

/// <summary>
/// Cancelling a running task through `qonduit serve` stops its work: the cancel reaches the embedded agent at once (its
/// heartbeat long-polls for cancellations), the in-process simulation checks its token between sweeps, and a runner
/// process stops on SIGTERM. Measured as a user would notice it: the CPU the server (and runner) burn after the cancel
/// answer, and how soon the slot takes the next task.
/// </summary>
public sealed class CancelStopsWorkTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The runtime's background tier-up thread: a fresh process recompiles hot simulation kernels there for up to a
    /// second after their first long use, whether or not anything is cancelled. That is the JIT finishing its own work,
    /// not the task's work going on, so it is measured and printed apart rather than counted against the cancel.
    /// </summary>
    private const string TierUpThread = ".NET Tiered Com";

    /// <summary>Twenty entangled qubits, deep, with hundreds of error patterns: minutes of simulation, each pattern a fraction of a second.</summary>
    private static string NoisyCircuit(int layers)
    {
        var text = new StringBuilder("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[20] q;\nbit[20] c;\n");
        for (var layer = 0; layer < layers; layer++)
        {
            for (var i = 0; i < 20; i++) text.Append(CultureInfo.InvariantCulture, $"h q[{i}];\n");
            for (var i = 0; i < 19; i++) text.Append(CultureInfo.InvariantCulture, $"cx q[{i}], q[{i + 1}];\n");
        }
        return text.Append("c = measure q;\n").ToString();
    }

    [Theory]
    [InlineData("inprocess")]
    [InlineData("process")]
    public async Task After_a_cancel_the_server_and_runner_go_quiet_within_three_seconds_and_the_slot_takes_the_next_task(string mode)
    {
        var directory = Directory.CreateTempSubdirectory("qonduit-cancel-");
        await using (var server = await ServeProcess.StartAsync(Path.Combine(directory.FullName, "q.db"), "--embedded-agent", "1", "--embedded-agent-mode", mode))
        {
            using var http = server.Client((await File.ReadAllTextAsync(Path.Combine(directory.FullName, "admin.key"))).Trim());
            var device = await http.PutAsJsonAsync("/v1/devices/cancel_line", new { generator = new { family = "line", qubits = 20, seed = 1 } });
            Assert.True(device.IsSuccessStatusCode, await device.Content.ReadAsStringAsync());
            await WarmUpAsync(http, NoisyCircuit(layers: 2));
            var id = await SubmitAsync(http, new { device = "cancel_line", circuit = NoisyCircuit(layers: 40), shots = 10_000, seed = 5, trajectories = 400 });
            await Until.TrueAsync(async () => await ProgressPhaseAsync(http, id) == "simulate", "the simulate phase's progress", TimeSpan.FromSeconds(30));
            int? runner = mode == "process" ? RunnerOf(id) : null;

            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"/v1/tasks/{id}/cancel", null)).StatusCode);
            var acknowledged = DateTime.UtcNow;
            var serverBefore = ThreadCpu.Of(server.ProcessId)!;
            var runnerBefore = runner is { } pid ? ThreadCpu.Of(pid)?.Total ?? 0 : 0;
            var runnerLast = runnerBefore;
            // The window is the measurement itself; the runner's CPU is sampled until it exits (its last ticks before
            // exit, under one sampling period, go unseen).
            while (DateTime.UtcNow - acknowledged < Window)
            {
                if (runner is { } alive && ThreadCpu.Of(alive) is { } seconds) runnerLast = seconds.Total;
                await Task.Delay(20);
            }
            var (tierUp, serverCpu) = ThreadCpu.Of(server.ProcessId)!.Since(serverBefore, TierUpThread);
            var runnerCpu = runnerLast - runnerBefore;
            output.WriteLine($"{mode}: server {serverCpu:0.000} core-s (and {tierUp:0.000} in the JIT's tier-up thread), runner {runnerCpu:0.000} core-s in the {Window.TotalSeconds} s after the cancel answer");

            Assert.True(serverCpu + runnerCpu < 0.3, $"server {serverCpu:0.000} + runner {runnerCpu:0.000} core-seconds after the cancel");
            if (runner is { } stopped) Assert.Null(ThreadCpu.Of(stopped));
            var next = await SubmitAsync(http, new { device = "cancel_line", circuit = Bell, shots = 100, seed = 1 });
            await Until.TrueAsync(async () => await StateAsync(http, next) is "running" or "completed",
                "the next task's claim", acknowledged + TimeSpan.FromSeconds(5) - DateTime.UtcNow);
            output.WriteLine($"{mode}: next task claimed {(DateTime.UtcNow - acknowledged).TotalSeconds:0.00} s after the cancel answer");
            Assert.Equal("cancelled", await StateAsync(http, id));
            // A runner process outlives its agent: let the next task's finish before the server stops and its run
            // directory is deleted under it.
            await Until.TrueAsync(async () => await StateAsync(http, next) == "completed", "the next task's end", TimeSpan.FromSeconds(30));
            Assert.Equal(0, await server.StopAsync());
        }
        directory.Delete(recursive: true);
    }

    /// <summary>A short run of the same circuit and one cancel first, so the measured cancel finds its code paths compiled.</summary>
    private static async Task WarmUpAsync(HttpClient http, string circuit)
    {
        var completed = await SubmitAsync(http, new { device = "cancel_line", circuit, shots = 100, seed = 1, trajectories = 2 });
        await Until.TrueAsync(async () => await StateAsync(http, completed) == "completed", "the warm-up run", TimeSpan.FromSeconds(20));
        var cancelled = await SubmitAsync(http, new { device = "cancel_line", circuit, shots = 100, seed = 1, trajectories = 2 });
        await Until.TrueAsync(async () => await StateAsync(http, cancelled) == "running", "the warm-up task's claim", TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"/v1/tasks/{cancelled}/cancel", null)).StatusCode);
    }

    private const string Bell = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n";

    private static async Task<Guid> SubmitAsync(HttpClient http, object task)
    {
        var submitted = await http.PostAsJsonAsync("/v1/tasks", task);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<string?> StateAsync(HttpClient http, Guid id) =>
        (await http.GetFromJsonAsync<JsonElement>($"/v1/tasks/{id}")).GetProperty("state").GetString();

    private static async Task<string?> ProgressPhaseAsync(HttpClient http, Guid id) =>
        (await http.GetFromJsonAsync<JsonElement>($"/v1/tasks/{id}")).GetProperty("progress") is { ValueKind: JsonValueKind.Object } progress
            ? progress.GetProperty("phase").GetString()
            : null;

    /// <summary>The `qonduit runner` process of the task's run directory (the launcher itself, not the shell wrapper around it).</summary>
    private static int RunnerOf(Guid id)
    {
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(entry, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            if (args.Length > 2 && args[0] == ServeProcess.Launcher && args[1] == "runner" && args[2].Contains(id.ToString(), StringComparison.Ordinal)) return pid;
        }
        throw new InvalidOperationException($"no runner process for task {id}");
    }
}
