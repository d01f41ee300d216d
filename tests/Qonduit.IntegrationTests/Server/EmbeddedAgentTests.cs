using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Qonduit.IntegrationTests.Server;

public sealed class EmbeddedAgentTests
{
    // A Bell pair in ibm_fez's native gates (h = rz·sx·rz, cx = h·cz·h) on a coupled pair, so admission accepts it as written.
    private const string Bell = """
        OPENQASM 2.0;
        include "qelib1.inc";
        qreg q[2];
        creg c[2];
        rz(pi/2) q[0]; sx q[0]; rz(pi/2) q[0];
        rz(pi/2) q[1]; sx q[1]; rz(pi/2) q[1];
        cz q[0],q[1];
        rz(pi/2) q[1]; sx q[1]; rz(pi/2) q[1];
        measure q -> c;
        """;

    [Fact]
    public async Task A_fresh_serve_runs_a_submitted_Bell_circuit_to_counts_with_no_other_process_started()
    {
        var directory = Directory.CreateTempSubdirectory("qonduit-embedded-");
        var database = Path.Combine(directory.FullName, "q.db");
        await using (var server = await ServeProcess.StartAsync(database))
        {
            var key = (await File.ReadAllTextAsync(Path.Combine(directory.FullName, "admin.key"))).Trim();
            using var http = server.Client(key);
            var submitted = await http.PostAsJsonAsync("/v1/tasks", new { device = "ibm_fez", circuit = Bell, shots = 1000, seed = 11 });
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            var result = await ResultAsync(http, id);
            var counts = result.GetProperty("result").GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            Assert.Equal(1000, counts.Values.Sum());
            // ibm_fez is noisy, so 01 and 10 occur, but the correlated outcomes dominate.
            Assert.True(counts.GetValueOrDefault("00") + counts.GetValueOrDefault("11") > 900, string.Join(", ", counts));

            var agents = await http.GetFromJsonAsync<JsonElement>("/v1/agents");
            Assert.Contains(agents.EnumerateArray(), a => a.GetProperty("agentId").GetString() == "embedded");
            Assert.True(File.Exists(Path.Combine(directory.FullName, "agent.key")));
            Assert.Equal(0, await server.StopAsync());
        }
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_task_with_a_trajectory_budget_completes_and_its_result_says_how_its_counts_were_drawn()
    {
        var directory = Directory.CreateTempSubdirectory("qonduit-trajectories-");
        await using (var server = await ServeProcess.StartAsync(Path.Combine(directory.FullName, "q.db")))
        {
            using var http = server.Client((await File.ReadAllTextAsync(Path.Combine(directory.FullName, "admin.key"))).Trim());
            var submitted = await http.PostAsJsonAsync("/v1/tasks", new { device = "ibm_fez", circuit = Bell, shots = 1000, seed = 11, trajectories = 16 });
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            var task = await submitted.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(16, task.GetProperty("trajectories").GetInt32());

            var result = (await ResultAsync(http, task.GetProperty("id").GetGuid())).GetProperty("result");
            Assert.Equal(16, result.GetProperty("trajectories").GetInt32());
            Assert.InRange(result.GetProperty("simulations").GetInt32(), 1, 16);
            Assert.Equal(1000, result.GetProperty("counts").EnumerateObject().Sum(p => p.Value.GetInt32()));
            Assert.Equal(0, await server.StopAsync());
        }
        directory.Delete(recursive: true);
    }

    private static async Task<JsonElement> ResultAsync(HttpClient http, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await http.GetAsync($"/v1/tasks/{id}/result");
            if (response.StatusCode == HttpStatusCode.OK) return await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.True(DateTime.UtcNow < deadline, $"task {id} did not finish within 60 s");
            await Task.Delay(50);
        }
    }
}
