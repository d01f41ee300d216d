using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Qonduit.IntegrationTests.Server;

/// <summary>
/// A user's session with real processes: `qonduit serve` without its embedded agent, the CLI verbs against it
/// (registry, submit, tasks list|show|cancel|result|watch, submit --wait) and a remote `qonduit agent` from agent.json.
/// </summary>
public sealed class CliAgainstServeTests
{
    // Native to ibm_fez-ideal (h = rz·sx·rz, cx = h·cz·h on a coupled pair), so the noiseless counts are only 00 and 11.
    private const string Bell = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nrz(pi/2) q[0]; sx q[0]; rz(pi/2) q[0];\n" +
                                "rz(pi/2) q[1]; sx q[1]; rz(pi/2) q[1];\ncz q[0],q[1];\nrz(pi/2) q[1]; sx q[1]; rz(pi/2) q[1];\nmeasure q -> c;\n";

    [Fact]
    public async Task A_user_drives_the_registry_and_the_task_lifecycle_from_the_cli_and_a_remote_agent_runs_the_work()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-cli-serve-").FullName;
        var database = Path.Combine(home, "q.db");
        await using var server = await ServeProcess.StartAsync(database, "--embedded-agent", "0");
        var admin = (await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim();
        var cli = new ServeCli(server.Url.ToString(), admin);
        var circuit = Path.Combine(home, "bell.qasm");
        await File.WriteAllTextAsync(circuit, Bell);

        // Registry verbs (`devices list|show|set|history` of the issue, named `registry` beside the local `devices` tool).
        Assert.Contains("ibm_fez-ideal", cli.Ok("registry", "list"), StringComparison.Ordinal);
        Assert.Contains("ibm_fez-ideal v2", cli.Ok("registry", "set", "ibm_fez-ideal", "--offline", "150"), StringComparison.Ordinal);
        Assert.Equal(2, cli.Ok("registry", "history", "ibm_fez-ideal").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var first = JsonDocument.Parse(cli.Ok("registry", "show", "ibm_fez-ideal", "--version", "1")).RootElement;
        Assert.Equal(1, first.GetProperty("version").GetInt32());

        // Nothing claims yet: the task waits, is shown (with its trajectory budget), cancelled, and its result says so.
        var waiting = cli.Ok("submit", circuit, "--device", "ibm_fez-ideal", "--shots", "200", "--trajectories", "64").Trim();
        var shown = cli.Ok("tasks", "show", waiting);
        Assert.Contains("queued", shown, StringComparison.Ordinal);
        Assert.Contains("at most 64 error patterns", shown, StringComparison.Ordinal);
        Assert.Contains("task.invalid-trajectories", cli.Run("submit", circuit, "--device", "ibm_fez-ideal", "--trajectories", "0").Stderr, StringComparison.Ordinal);
        Assert.Contains("cancelled", cli.Ok("tasks", "cancel", waiting), StringComparison.Ordinal);
        var cancelled = cli.Run("tasks", "result", waiting);
        Assert.Equal((1, true), (cancelled.ExitCode, cancelled.Stdout.StartsWith("cancelled", StringComparison.Ordinal)));
        Assert.Contains(waiting, cli.Ok("tasks", "list", "--state", "cancelled"), StringComparison.Ordinal);

        // A remote agent from its configuration file; the --agent-id flag overrides the file's.
        var agentKey = cli.Ok("keys", "create", "--role", "agent", "--name", "remote", "--db", database).Trim();
        await File.WriteAllTextAsync(Path.Combine(home, "agent.secret"), agentKey);
        var config = Path.Combine(home, "agent.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            server = server.Url.ToString(), apiKeyFile = Path.Combine(home, "agent.secret"), agentId = "from-file", slots = 1,
            runRoot = Path.Combine(home, "runs"), scheduler = "local", claimWaitSeconds = 5, heartbeatSeconds = 1,
        }));
        using var agent = ServeCli.Start("agent", "--config", config, "--agent-id", "from-flag");
        try
        {
            var counts = Counts(cli.Ok("submit", circuit, "--device", "ibm_fez-ideal", "--shots", "200", "--seed", "5", "--wait"));
            Assert.Equal(200, counts.Values.Sum());
            Assert.Equal(["00", "11"], counts.Keys.Order());

            var watched = cli.Ok("submit", circuit, "--device", "ibm_fez-ideal", "--shots", "100").Trim();
            var lifecycle = cli.Ok("tasks", "watch", watched);
            // Progress events are transient and appear only if the run lasts long enough to report one.
            Assert.Equal(["task.queued", "task.claimed", "task.running", "task.completed"],
                lifecycle.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2])
                    .Where(type => type != "task.progress").Distinct());
            Assert.Equal(100, Counts(cli.Ok("tasks", "result", watched)).Values.Sum());
            // On a terminal the same lifecycle is a live table (box-drawn, with elapsed time), not event lines.
            var live = cli.OnTerminal("tasks", "watch", watched);
            Assert.Contains("elapsed", live, StringComparison.Ordinal);
            Assert.Contains("completed", live, StringComparison.Ordinal);
            Assert.DoesNotContain("task.claimed", live, StringComparison.Ordinal);

            using var http = server.Client(admin);
            var agents = await http.GetFromJsonAsync<JsonElement>("/v1/agents");
            var remote = Assert.Single(agents.EnumerateArray(), a => a.GetProperty("keyName").GetString() == "remote");
            Assert.Equal(("from-flag", 1), (remote.GetProperty("agentId").GetString(), remote.GetProperty("capacity").GetInt32()));
        }
        finally
        {
            agent.Kill(entireProcessTree: true);
        }

        var unreachable = cli.Run("tasks", "list", "--server", "http://127.0.0.1:1");
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("client.unreachable", unreachable.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_submitted_with_a_requirement_is_placed_on_a_device_it_selects_and_tasks_show_prints_the_decision()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-cli-place-").FullName;
        await using var server = await ServeProcess.StartAsync(Path.Combine(home, "q.db"));
        var admin = (await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim();
        var cli = new ServeCli(server.Url.ToString(), admin);
        var circuit = Path.Combine(home, "bell.qasm");
        await File.WriteAllTextAsync(circuit, Bell);
        const string Large = "select[kind=='qpu' && num_qubits>=150]";

        var explained = JsonDocument.Parse(cli.Ok("placement", "explain", Large, "--json")).RootElement;
        var selected = explained.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("resource").GetString()).ToList();
        Assert.Contains("ibm_fez", selected);
        Assert.DoesNotContain("ibm_brisbane", selected);
        Assert.Contains("requirement.syntax", cli.Run("placement", "explain", "select[x>]").Stderr, StringComparison.Ordinal);

        var output = cli.Ok("submit", circuit, "--device", "ibm_fez-ideal", "--requirement", Large + " order[qpu_queue_depth]", "--shots", "100", "--wait");
        Assert.Equal(100, Counts(output).Values.Sum());
        var shown = cli.Ok("tasks", "show", output.Split('\n')[0].Trim());
        Assert.Contains("placed on ibm_fez", shown, StringComparison.Ordinal);
        Assert.Contains("num_qubits=156", shown, StringComparison.Ordinal);
    }

    // Ten qubits in superposition (about 500 distinct outcomes in 1,024 shots) and a register of flags nothing measures.
    private const string Wide = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[10];\ncreg c[10];\ncreg flags[3];\nh q;\nmeasure q -> c;\n";

    [Fact]
    public async Task A_user_reads_why_a_task_waits_a_bounded_listing_of_its_outcomes_and_errors_that_say_what_to_do()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-cli-read-").FullName;
        await using var server = await ServeProcess.StartAsync(Path.Combine(home, "q.db"));
        var admin = (await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim();
        var cli = new ServeCli(server.Url.ToString(), admin);
        var wide = Path.Combine(home, "wide.qasm");
        await File.WriteAllTextAsync(wide, Wide);

        // The device's only lane is leased and the task spends no lease: it waits, and the lease's owner sees who holds it.
        using var http = server.Client(admin);
        var lease = await (await http.PostAsJsonAsync("/v1/devices/ibm_fez-ideal/leases", new { holder = "slurm:job:7", ttlSeconds = 600 }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var task = cli.Ok("submit", wide, "--device", "ibm_fez-ideal", "--shots", "1024", "--seed", "3").Trim();
        var row = cli.Ok("tasks", "list", "--state", "queued").Split('\n').Single(l => l.StartsWith(task, StringComparison.Ordinal));
        Assert.EndsWith("lease-held", row.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("waiting [pending.lease-held, held by slurm:job:7]: every lane of ibm_fez-ideal is leased", cli.Ok("tasks", "show", task), StringComparison.Ordinal);
        (await http.DeleteAsync($"/v1/leases/{lease.GetProperty("token").GetString()}")).EnsureSuccessStatusCode();
        cli.Ok("tasks", "watch", task);

        // The sixteen most frequent outcomes, the rest in one line, a summary; the flags register nobody measures left out.
        var lines = cli.Ok("tasks", "result", task).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(16, Counts(string.Join('\n', lines)).Count);
        Assert.Contains(lines, l => l.StartsWith("… ", StringComparison.Ordinal) && l.Contains(" more outcomes (", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("1,024 shots, ", StringComparison.Ordinal) && l.EndsWith(" distinct outcomes, 1 simulation", StringComparison.Ordinal));
        Assert.Contains("left out, never measured: register flags (3 bits)", lines);
        Assert.Equal(3, Counts(cli.Ok("tasks", "result", task, "--top", "3")).Count);
        var every = Counts(cli.Ok("tasks", "result", task, "--all"));
        var json = JsonDocument.Parse(cli.Ok("tasks", "result", task, "--json")).RootElement.GetProperty("result");
        var keys = json.GetProperty("counts").EnumerateObject().Select(c => c.Name).ToList();
        Assert.Equal(keys.Count, every.Count);
        Assert.Equal(1024, every.Values.Sum());
        Assert.All(keys, k => Assert.StartsWith("000 ", k, StringComparison.Ordinal));
        Assert.Equal([("c", true), ("flags", false)], json.GetProperty("registers").EnumerateArray().Select(r => (r.GetProperty("name").GetString(), r.GetProperty("measured").GetBoolean())));

        // A device name one slip off is answered with the name meant.
        var typo = cli.Run("submit", wide, "--device", "ibm_fez-idael");
        Assert.Equal(1, typo.ExitCode);
        Assert.Contains("error [device.not-found]: no device 'ibm_fez-idael' (did you mean: ibm_fez-ideal?)", typo.Stderr, StringComparison.Ordinal);

        // --no-transpile of a circuit that is not native: every violation against its line, as `qonduit admit` prints them.
        var logical = Path.Combine(home, "logical.qasm");
        await File.WriteAllTextAsync(logical, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n");
        var refused = cli.Run("submit", logical, "--device", "ibm_fez-ideal", "--no-transpile");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"{logical}:5:1: admission.", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{logical}:6:1: admission.", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("error [admission.inadmissible]", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_created_and_revoked_with_the_cli_works_until_revoked_and_is_then_refused_with_its_code()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-revoke-").FullName;
        var database = Path.Combine(home, "q.db");
        await using var server = await ServeProcess.StartAsync(database, "--embedded-agent", "0", "--no-seed");
        var admin = new ServeCli(server.Url.ToString(), (await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim());
        var alice = admin.Ok("keys", "create", "--role", "user", "--name", "alice", "--db", database).Trim();

        Assert.Equal(0, admin.Run("tasks", "list", "--key", alice).ExitCode);
        Assert.Contains("revoked user key 'alice'", admin.Ok("keys", "revoke", "alice", "--db", database), StringComparison.Ordinal);

        var refused = admin.Run("tasks", "list", "--key", alice);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("auth.revoked-key", refused.Stderr, StringComparison.Ordinal);
        using var http = server.Client(alice);
        var answer = await http.GetAsync("/v1/tasks");
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("auth.revoked-key", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Contains("revoked", admin.Ok("keys", "list", "--db", database).Split('\n').Single(l => l.Contains("alice", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_readmes_environment_keys_are_made_listed_and_revoked_on_the_server_and_db_works_beside_it()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-keys-serve-").FullName;
        var database = Path.Combine(home, "q.db");
        await using var server = await ServeProcess.StartAsync(database, "--embedded-agent", "0", "--no-seed");
        var admin = new ServeCli(server.Url.ToString(), (await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim());

        // The issue's command: with QONDUIT_URL and QONDUIT_API_KEY set, the key is the server's, not a new local database's.
        var carol = admin.Ok("keys", "create", "--role", "user", "--name", "carol").Trim();
        var laptop = admin.Ok("keys", "create", "--role", "user", "--name", "carol-laptop", "--user", "carol").Trim();
        Assert.Equal(0, admin.Run("tasks", "list", "--key", carol).ExitCode);
        Assert.Equal(["admin", "carol", "carol-laptop"], Names(admin.Ok("keys", "list")));
        Assert.Equal(["carol", "carol-laptop"], Names(admin.Ok("keys", "list", "--key", carol)));

        // A user revokes its own key; the next request with it is refused. The last admin key is not revoked.
        Assert.Contains("revoked user key 'carol-laptop'", admin.Ok("keys", "revoke", "carol-laptop", "--key", carol), StringComparison.Ordinal);
        Assert.Contains("auth.revoked-key", admin.Run("tasks", "list", "--key", laptop).Stderr, StringComparison.Ordinal);
        var last = admin.Run("keys", "revoke", "admin");
        Assert.Equal(1, last.ExitCode);
        Assert.Contains("error [auth.last-admin-key]", last.Stderr, StringComparison.Ordinal);

        // Offline on the running server's database, and never on a path without one.
        var dave = admin.Ok("keys", "create", "--role", "user", "--name", "dave", "--db", database).Trim();
        Assert.Equal(0, admin.Run("tasks", "list", "--key", dave).ExitCode);
        Assert.Contains("dave", Names(admin.Ok("keys", "list", "--db", database)));
        var nowhere = Path.Combine(home, "nonexistent", "q.db");
        var refused = admin.Run("keys", "list", "--db", nowhere);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("error [store.no-database]", refused.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(nowhere)));
    }

    /// <summary>The key names of `keys list` lines (id, role, name, ...).</summary>
    private static List<string> Names(string list) =>
        [.. list.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2])];

    [Fact]
    public async Task A_body_over_the_servers_request_limit_is_a_typed_413()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-413-").FullName;
        await using var server = await ServeProcess.StartAsync(Path.Combine(home, "q.db"), "--embedded-agent", "0", "--no-seed");
        using var http = server.Client((await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim());
        // As curl does for a large body: the server refuses on the headers instead of resetting a connection still sending.
        http.DefaultRequestHeaders.ExpectContinue = true;
        var huge = "{\"device\":\"x\",\"shots\":1,\"circuit\":\"" + new string('a', 40 << 20) + "\"}";
        var response = await http.PostAsync("/v1/tasks", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("limits.request-too-large", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Resources_list_shows_the_bundled_qpus_and_the_pools_a_remote_agent_declares_in_agent_json()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-cli-resources-").FullName;
        var database = Path.Combine(home, "q.db");
        await using var server = await ServeProcess.StartAsync(database, "--embedded-agent", "0");
        var cli = new ServeCli(server.Url.ToString(), (await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim());
        var agentKey = cli.Ok("keys", "create", "--role", "agent", "--name", "pools", "--db", database).Trim();
        await File.WriteAllTextAsync(Path.Combine(home, "agent.secret"), agentKey);
        var config = Path.Combine(home, "agent.json");
        await File.WriteAllTextAsync(config, $$"""
            { "server": "{{server.Url}}", "apiKeyFile": "{{Path.Combine(home, "agent.secret")}}", "agentId": "pool-host",
              "runRoot": "{{Path.Combine(home, "runs")}}", "heartbeatSeconds": 1, "claimWaitSeconds": 1,
              "pools": [ { "name": "sim-local", "kind": "sim", "slots": 2 }, { "name": "gpu-a100", "kind": "gpu", "slots": 4 } ] }
            """);
        using var agent = ServeCli.Start("agent", "--config", config);
        try
        {
            await Qonduit.Server.Tests.Infrastructure.Eventually.TrueAsync(
                () => cli.Ok("resources", "list").Contains("sim-local", StringComparison.Ordinal), "the agent's pools to be listed");

            var table = cli.Ok("resources", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Matches(@"^ibm_fez\s+qpu\s+1 lanes\s+online\s+0\.99", Assert.Single(table, l => l.StartsWith("ibm_fez ", StringComparison.Ordinal)));
            Assert.Matches(@"^sim-local\s+sim\s+2 slots\s+online", Assert.Single(table, l => l.StartsWith("sim-local", StringComparison.Ordinal)));
            Assert.Matches(@"^gpu-a100\s+gpu\s+4 slots\s+online", Assert.Single(table, l => l.StartsWith("gpu-a100", StringComparison.Ordinal)));
            var listed = JsonDocument.Parse(cli.Ok("resources", "list", "--json")).RootElement.EnumerateArray().ToList();
            var fez = listed.Single(r => r.GetProperty("name").GetString() == "ibm_fez");
            Assert.Equal(156, fez.GetProperty("indices").GetProperty("num_qubits").GetProperty("value").GetInt32());
            var shown = cli.Ok("resources", "show", "sim-local");
            Assert.Contains("declared by: pool-host", shown, StringComparison.Ordinal);
            Assert.Contains("kind", shown, StringComparison.Ordinal);
            Assert.Contains("qpu_readout_fidelity", cli.Ok("resources", "show", "ibm_fez"), StringComparison.Ordinal);
            var slip = cli.Run("resources", "show", "sim-locl");
            Assert.Equal(1, slip.ExitCode);
            Assert.Contains("resource.not-found", slip.Stderr, StringComparison.Ordinal);
            Assert.Contains("sim-local", slip.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            agent.Kill(entireProcessTree: true);
        }
    }

    private static Dictionary<string, int> Counts(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().Split("  "))
            .Where(p => p.Length == 2 && p[0].All(c => c is '0' or '1') && int.TryParse(p[1], out _))
            .ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
}
