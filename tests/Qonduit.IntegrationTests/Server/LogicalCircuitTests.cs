using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Circuits.Qasm;
using Qonduit.Client;
using Qonduit.Client.Primitives;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Auth;
using Qonduit.Server.Devices;
using Qonduit.Storage;
using Qonduit.Transpiler;

namespace Qonduit.IntegrationTests.Server;

/// <summary>Ordinary circuits (h, cx, cu1, swap) submitted to ibm_fez through a real `qonduit serve` and its embedded agent.</summary>
public sealed class LogicalCircuitTests
{
    private const string Ghz = """
        OPENQASM 2.0;
        include "qelib1.inc";
        qreg q[3];
        creg c[3];
        h q[0];
        cx q[0],q[1];
        cx q[1],q[2];
        measure q -> c;
        """;

    /// <summary>|101⟩, the 3-qubit QFT, a barrier (so nothing cancels across it), the inverse QFT: 101 comes back.</summary>
    private const string QftRoundTrip = """
        OPENQASM 2.0;
        include "qelib1.inc";
        qreg q[3];
        creg c[3];
        x q[0];
        x q[2];
        h q[2];
        cu1(pi/2) q[1],q[2];
        cu1(pi/4) q[0],q[2];
        h q[1];
        cu1(pi/2) q[0],q[1];
        h q[0];
        swap q[0],q[2];
        barrier q;
        swap q[0],q[2];
        h q[0];
        cu1(-pi/2) q[0],q[1];
        h q[1];
        cu1(-pi/4) q[0],q[2];
        cu1(-pi/2) q[1],q[2];
        h q[2];
        measure q -> c;
        """;

    [Fact]
    public async Task Logical_GHZ_and_QFT_circuits_run_on_ibm_fez_and_their_results_carry_the_layout()
    {
        var directory = Directory.CreateTempSubdirectory("qonduit-logical-");
        await using (var server = await ServeProcess.StartAsync(Path.Combine(directory.FullName, "q.db")))
        {
            using var http = server.Client(await AdminKeyAsync(directory));
            var ghz = await SubmitAsync(http, Ghz, seed: 11);
            var qft = await SubmitAsync(http, QftRoundTrip, seed: 12);

            var ghzResult = await ResultAsync(http, ghz);
            var counts = Counts(ghzResult);
            Assert.Equal(1000, counts.Values.Sum());
            Assert.True(counts.GetValueOrDefault("000") + counts.GetValueOrDefault("111") > 850, string.Join(", ", counts));
            var mapping = ghzResult.GetProperty("result").GetProperty("transpilation");
            var layout = Ints(mapping.GetProperty("initialLayout"));
            Assert.Equal(3, layout.Distinct().Count());
            Assert.Equal(3, Ints(mapping.GetProperty("finalPermutation")).Distinct().Count());
            Assert.Equal(2, mapping.GetProperty("before").GetProperty("twoQubitGates").GetInt32());
            Assert.True(mapping.GetProperty("after").GetProperty("twoQubitGates").GetInt32() >= 2);
            Assert.True(mapping.GetProperty("swaps").GetInt32() >= 0);

            var qftCounts = Counts(await ResultAsync(http, qft));
            var (top, hits) = qftCounts.MaxBy(c => c.Value);
            Assert.Equal("101", top);
            Assert.True(hits > 500, string.Join(", ", qftCounts));
            Assert.Equal(0, await server.StopAsync());
        }
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_recalibration_between_submit_and_claim_changes_the_recorded_layout()
    {
        var directory = Directory.CreateTempSubdirectory("qonduit-recalibration-");
        var database = Path.Combine(directory.FullName, "q.db");
        Guid id;
        int offline;
        int[] admittedLayout;
        await using (var server = await ServeProcess.StartAsync(database, "--embedded-agent", "0"))
        {
            using var http = server.Client(await AdminKeyAsync(directory));
            id = await SubmitAsync(http, Ghz, seed: 5);
            var advertised = SnapshotJson.Deserialize(await http.GetStringAsync("/v1/devices/ibm_fez"));
            admittedLayout = [.. Transpiler.Transpiler.Run(QasmParser.Parse(Ghz), advertised, new TranspileOptions(Seed: 5)).InitialLayout];
            offline = admittedLayout[0];
            var patch = await http.PatchAsJsonAsync("/v1/devices/ibm_fez", new DevicePatchRequest(Qubits: [new QubitPatch(offline, Status: QubitStatus.Offline)]));
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            Assert.Equal(0, await server.StopAsync());
        }

        // Only now does an agent exist: its claim binds version 2, and the runner transpiles against that.
        await using (var server = await ServeProcess.StartAsync(database))
        {
            using var http = server.Client(await AdminKeyAsync(directory));
            var result = await ResultAsync(http, id);
            Assert.Equal(2, result.GetProperty("boundSnapshotVersion").GetInt32());
            var layout = Ints(result.GetProperty("result").GetProperty("transpilation").GetProperty("initialLayout"));
            var bound = SnapshotJson.Deserialize(await http.GetStringAsync("/v1/devices/ibm_fez/snapshots/2"));
            Assert.DoesNotContain(offline, layout);
            Assert.NotEqual(admittedLayout, layout);
            Assert.Equal([.. Transpiler.Transpiler.Run(QasmParser.Parse(Ghz), bound, new TranspileOptions(Seed: 5)).InitialLayout], layout);
            Assert.Equal(0, await server.StopAsync());
        }
        directory.Delete(recursive: true);
    }

    /// <summary>
    /// q0 interacts with every other qubit, a star heavy-hex cannot host without routing. The state is
    /// (|0010⟩ + |1101⟩)/√2: ZZII = +1, IIZZ = −1, XXXX = +1, YYYY = −1, IIIZ = 0.
    /// </summary>
    private const string StarGhz = """
        OPENQASM 2.0;
        include "qelib1.inc";
        qreg q[4];
        h q[0];
        cx q[0],q[1];
        cx q[0],q[2];
        cx q[0],q[3];
        x q[1];
        """;

    [Fact]
    public async Task The_dotnet_estimator_on_a_transpiling_ideal_device_agrees_with_the_ideal_value_within_three_standard_errors()
    {
        var directory = Directory.CreateTempSubdirectory("qonduit-estimator-");
        await using (var server = await ServeProcess.StartAsync(Path.Combine(directory.FullName, "q.db")))
        {
            var key = await server.CreateKeyAsync("alice", ApiKeyRole.User);
            var device = new QonduitService(new QonduitClient(server.Url, key)).Resource("ibm_fez" + IdealTwin.NameSuffix);

            var observable = PauliObservable.Parse("0.5*ZZII + -0.25*IIZZ + 0.3*XXXX + -0.2*YYYY + 0.4*IIIZ");
            var estimate = Assert.Single(await new Estimator(device, seed: 7).RunAsync([new EstimatorPub(StarGhz, observable)], shots: 2000));

            Assert.True(estimate.StandardError > 0);
            Assert.InRange(Math.Abs(estimate.Value - 1.25), 0, 3 * estimate.StandardError);
            Assert.Equal(0, await server.StopAsync());
        }
        directory.Delete(recursive: true);
    }

    private static async Task<string> AdminKeyAsync(DirectoryInfo directory) =>
        (await File.ReadAllTextAsync(Path.Combine(directory.FullName, "admin.key"))).Trim();

    private static async Task<Guid> SubmitAsync(HttpClient http, string circuit, long seed)
    {
        var response = await http.PostAsJsonAsync("/v1/tasks", new { device = "ibm_fez", circuit, shots = 1000, seed });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var task = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(task.GetProperty("transpile").GetBoolean());
        return task.GetProperty("id").GetGuid();
    }

    private static Dictionary<string, int> Counts(JsonElement result) =>
        result.GetProperty("result").GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private static async Task<JsonElement> ResultAsync(HttpClient http, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var response = await http.GetAsync($"/v1/tasks/{id}/result");
            if (response.StatusCode == HttpStatusCode.OK) return await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.True(DateTime.UtcNow < deadline, $"task {id} did not finish within 120 s");
            await Task.Delay(100);
        }
    }
}
