using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Qonduit.IntegrationTests.Server;

/// <summary>Progress travels in-process runner → its callback → embedded agent's heartbeat → serve → the task view a user reads.</summary>
public sealed class TaskProgressTests
{
    /// <summary>
    /// Twelve entangled qubits, deep, on a noisy 12-qubit line (quick to transpile onto) with two thousand error patterns:
    /// many simulations, far longer together than a heartbeat interval. Progress advances per error pattern.
    /// </summary>
    private static string LongNoisyCircuit()
    {
        var text = new StringBuilder("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[12] q;\nbit[12] c;\n");
        for (var layer = 0; layer < 30; layer++)
        {
            for (var i = 0; i < 12; i++) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"h q[{i}];\n");
            for (var i = 0; i < 11; i++) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"cx q[{i}], q[{i + 1}];\n");
        }
        return text.Append("c = measure q;\n").ToString();
    }

    [Fact]
    public async Task A_long_simulation_shows_its_trajectories_advancing_in_the_task_view_while_it_runs()
    {
        var directory = Directory.CreateTempSubdirectory("qonduit-progress-");
        await using (var server = await ServeProcess.StartAsync(Path.Combine(directory.FullName, "q.db")))
        {
            using var http = server.Client((await File.ReadAllTextAsync(Path.Combine(directory.FullName, "admin.key"))).Trim());
            var device = await http.PutAsJsonAsync("/v1/devices/progress_line", new { generator = new { family = "line", qubits = 12, seed = 1 } });
            Assert.True(device.IsSuccessStatusCode, await device.Content.ReadAsStringAsync());
            var submitted = await http.PostAsJsonAsync("/v1/tasks", new { device = "progress_line", circuit = LongNoisyCircuit(), shots = 20_000, seed = 5, trajectories = 2000 });
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            JsonElement seen = default;
            await Until.TrueAsync(async () =>
            {
                seen = await http.GetFromJsonAsync<JsonElement>($"/v1/tasks/{id}");
                return seen.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p && p.GetProperty("phase").GetString() == "simulate";
            }, "the simulate phase's progress in the task view", TimeSpan.FromSeconds(50));

            var progress = seen.GetProperty("progress");
            Assert.Equal("running", seen.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, seen.GetProperty("pendingReason").ValueKind);
            Assert.Contains(seen.GetProperty("step").GetString(), new[] { "claimed", "submitted" });
            Assert.Equal("trajectories", progress.GetProperty("unit").GetString());
            Assert.InRange(progress.GetProperty("done").GetInt64(), 0, progress.GetProperty("total").GetInt64());
            Assert.InRange(progress.GetProperty("total").GetInt64(), 2, 2000);

            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"/v1/tasks/{id}/cancel", null)).StatusCode);
            Assert.Equal(0, await server.StopAsync());
        }
        directory.Delete(recursive: true);
    }
}
