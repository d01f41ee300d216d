using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Bench.Fuzz;
using Qonduit.Circuits.Qasm;
using Qonduit.Storage;

namespace Qonduit.IntegrationTests.Server;

/// <summary>
/// Circuits from the black-box campaign against a real `qonduit serve`: includes that read server files, /dev/zero,
/// a 944-byte gate-expansion bomb, and non-finite parameters. Each is refused with a typed 4xx, fast and without
/// growing the server's memory.
/// </summary>
public sealed class HostileCircuitTests : IAsyncLifetime
{
    private const string SecretContent = "secret_token_value_42";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("qonduit-hostile-");
    private ServeProcess? _server;
    private HttpClient? _http;

    private HttpClient Http => _http!;

    private string IncludeDirectory => Path.Combine(_directory.FullName, "includes");

    private string SecretFile => Path.Combine(_directory.FullName, "secret.txt");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(IncludeDirectory);
        await File.WriteAllTextAsync(Path.Combine(IncludeDirectory, "mine.inc"), "gate flip a { x a; }\n");
        await File.WriteAllTextAsync(SecretFile, SecretContent + ";\n");
        _server = await ServeProcess.StartAsync(Path.Combine(_directory.FullName, "q.db"), "--embedded-agent", "0", "--include-dir", IncludeDirectory);
        _http = _server.Client((await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "admin.key"))).Trim());
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Theory]
    [InlineData("2.0", "/v1/tasks")]
    [InlineData("3.0", "/v1/tasks")]
    [InlineData("2.0", "/v1/devices/ibm_fez/viability")]
    public async Task An_include_of_a_server_file_is_forbidden_with_the_same_answer_whether_it_exists_or_not(string version, string endpoint)
    {
        var existing = await RefusedAsync(endpoint, $"OPENQASM {version};\ninclude \"{SecretFile}\";\n", 400, "qasm.include-forbidden");
        var missing = await RefusedAsync(endpoint, $"OPENQASM {version};\ninclude \"{SecretFile}.missing\";\n", 400, "qasm.include-forbidden");
        Assert.Equal(Detail(existing), Detail(missing).Replace(".missing", "", StringComparison.Ordinal));
        foreach (var include in new[] { "/etc/passwd", "/proc/self/environ", "../secret.txt" })
            await RefusedAsync(endpoint, $"OPENQASM {version};\ninclude \"{include}\";\n", 400, "qasm.include-forbidden");
    }

    [Fact]
    public async Task An_include_under_the_include_directory_is_read_and_the_agent_gets_the_circuit_self_contained()
    {
        var source = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\ninclude \"mine.inc\";\nqreg q[1];\ncreg c[1];\nflip q[0];\nmeasure q -> c;\n";
        var response = await SubmitAsync("/v1/tasks", source);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);

        using var agent = _server!.Client(await _server.CreateKeyAsync("agent", ApiKeyRole.Agent));
        var claimed = await (await agent.PostAsJsonAsync("/v1/agent/claim", new { agentId = "a1" })).Content.ReadFromJsonAsync<JsonElement>();
        var runnable = claimed.GetProperty("task").GetProperty("circuit").GetString()!;
        // What the runner does: standard includes only. The include directory is the server's, not the agent host's.
        Assert.Equal(QasmParser.Parse(source, "<circuit>", QasmLimits.Default, QasmIncludePolicy.UnderDirectory(IncludeDirectory), CancellationToken.None),
            QasmParser.Parse(runnable, "<circuit>", QasmLimits.Default, QasmIncludePolicy.StandardOnly, CancellationToken.None));
    }

    [Fact]
    public async Task Dev_zero_is_a_400_not_a_500()
    {
        var clock = Stopwatch.StartNew();
        await RefusedAsync("/v1/tasks", "OPENQASM 2.0;\ninclude \"/dev/zero\";\n", 400, "qasm.include-forbidden");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_expansion_bomb_is_refused_in_under_a_second_and_leaves_the_servers_memory_as_it_was()
    {
        // Under a kilobyte, as the campaign sent it: each of 30 levels calls the previous twice (2^30 gates).
        var bomb = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ngate g0 a { x a; }\n"
            + string.Concat(Enumerable.Range(1, 30).Select(i => $"gate g{i} a {{ g{i - 1} a; g{i - 1} a; }}\n")) + "g30 q[0];\n";
        await RefusedAsync("/v1/tasks", bomb, 413, "limits.expansion"); // warm: JIT and first-request allocations are not the bomb's
        var before = ResidentKilobytes();
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            await RefusedAsync("/v1/tasks", bomb, 413, "limits.expansion");
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        }
        Assert.InRange(ResidentKilobytes() - before, long.MinValue, 50 * 1024);
    }

    [Theory]
    [InlineData("rz(0/0) q[0];")]
    [InlineData("rz(1e308*1e308) q[0];")]
    public async Task A_non_finite_parameter_is_refused(string statement)
    {
        var problem = await RefusedAsync("/v1/tasks", $"OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\n{statement}\nmeasure q -> c;\n", 400, "qasm.non-finite-parameter");
        Assert.Equal(5, problem.GetProperty("line").GetInt32());
    }

    private async Task<HttpResponseMessage> SubmitAsync(string endpoint, string circuit) =>
        await Http.PostAsJsonAsync(endpoint, new { device = "ibm_fez", circuit, shots = 10 });

    private async Task<JsonElement> RefusedAsync(string endpoint, string circuit, int status, string code)
    {
        using var response = await SubmitAsync(endpoint, circuit);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.DoesNotContain(SecretContent, body, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    private static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;

    private long ResidentKilobytes() => ProcessMemory.ResidentBytes(_server!.ProcessId) / 1024;
}
