using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.IntegrationTests.Server;
using Qonduit.Qrmi.Local;
using Qonduit.Server.Leases;
using Qonduit.Tests.Shared;

namespace Qonduit.IntegrationTests.Spank;

/// <summary>
/// Installs the --qpu plugin into the running cluster with `qonduit slurm install-plugin`, pointing it at a
/// qrmi_config.json under a fixed folder (plugstack.conf is global, so every test shares it) with two resources:
/// `sim`, a local simulator whose leases are files (it matches the cluster licence `qpu_sim` that
/// scripts/setup/slurm.sh declares), and three devices of a real `qonduit serve` (with its embedded agent, so their
/// tasks run) whose leases are the control plane's: `vqpu` (a 3-qubit line of 1 lane), and the bundled `ibm_fez` and
/// `ibm_torino` under their own names.
/// </summary>
public sealed class SpankFixture : IAsyncLifetime
{
    public const string WorkDir = "/tmp/qonduit-spank-tests";
    public const string ServerDevice = "spank_line";

    private ServeProcess? _server;
    private HttpClient? _admin;

    public string Qonduit { get; } = FindQonduit();

    public string LeaseDir { get; } = Path.Combine(WorkDir, "leases");

    public string ConfigPath { get; } = Path.Combine(WorkDir, "qrmi_config.json");

    public string InstallOutput { get; private set; } = "";

    public Uri ServerUrl => _server!.Url;

    /// <summary>The user key the configuration's resources use.</summary>
    public string UserKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        SlurmCluster.EnsureUp();
        Directory.CreateDirectory(WorkDir);
        var database = Path.Combine(WorkDir, $"server-{Guid.NewGuid():n}", "qonduit.db");
        _server = await ServeProcess.StartAsync(database, "--embedded-agent", "1");
        _admin = _server.Client((await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(database)!, "admin.key"))).Trim());
        var user = UserKey = SlurmCluster.Run(Qonduit, "keys", "create", "--role", "user", "--name", "slurm", "--db", database).Trim();
        var put = await _admin.PutAsJsonAsync($"/v1/devices/{ServerDevice}", new { generator = new { family = "line", qubits = 3, seed = 1 }, lanes = 1 });
        put.EnsureSuccessStatusCode();
        await File.WriteAllTextAsync(ConfigPath, $$$"""
            {"resources": [
              {"name": "sim", "type": "local-simulator",
               "environment": {"QRMI_LOCAL_TOPOLOGY": "line", "QRMI_LOCAL_QUBITS": "5", "QRMI_LOCAL_SEED": "3",
                               "QRMI_LOCAL_LANES": "1", "QRMI_LOCAL_LEASE_DIR": "{{{LeaseDir}}}"}},
              {"name": "vqpu", "type": "qonduit-vqpu",
               "environment": {"QRMI_QONDUIT_URL": "{{{_server.Url}}}", "QRMI_QONDUIT_API_KEY": "{{{user}}}",
                               "QRMI_QONDUIT_DEVICE": "{{{ServerDevice}}}"}},
              {"name": "ibm_fez", "type": "qonduit-vqpu",
               "environment": {"QRMI_QONDUIT_URL": "{{{_server.Url}}}", "QRMI_QONDUIT_API_KEY": "{{{user}}}"}},
              {"name": "ibm_torino", "type": "qonduit-vqpu",
               "environment": {"QRMI_QONDUIT_URL": "{{{_server.Url}}}", "QRMI_QONDUIT_API_KEY": "{{{user}}}"}}
            ]}
            """);
        await File.WriteAllTextAsync(Path.Combine(WorkDir, "bell.qasm"),
            "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q -> c;\n");
        InstallOutput = SlurmCluster.Run(Qonduit, "slurm", "install-plugin", "--config", ConfigPath, "--qonduit", Qonduit);
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }

    public LaneLeaseStore Leases(string resource) => new(Path.Combine(LeaseDir, resource), resource, 1);

    /// <summary>The holders of the resource's active leases, from where that resource keeps them (files, or the control plane).</summary>
    public async Task<IReadOnlyList<string>> ActiveHoldersAsync(string resource) => resource == "vqpu"
        ? [.. (await ServerLeasesAsync()).Leases.Select(l => l.Holder)]
        : [.. (await Leases(resource).ActiveAsync()).Select(l => l.Holder)];

    public async Task<DeviceLeasesView> ServerLeasesAsync(string device = ServerDevice) =>
        (await _admin!.GetFromJsonAsync<DeviceLeasesView>($"/v1/devices/{device}/leases"))!;

    /// <summary>Every task of a device, as an admin sees it (`GET /v1/tasks?device=`).</summary>
    public async Task<JsonElement> ServerTasksAsync(string device) =>
        (await _admin!.GetFromJsonAsync<JsonElement>($"/v1/tasks?device={device}&limit=100")).GetProperty("items");

    public async Task<LeaseView> ServerLeaseAsync(Guid leaseId) => (await _admin!.GetFromJsonAsync<LeaseView>($"/v1/leases/{leaseId}"))!;

    /// <summary>The native launcher of the CLI built in this test run's configuration.</summary>
    private static string FindQonduit()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var path = Path.Combine(RepoPaths.Root, "src", "Qonduit.Cli", "bin", configuration, "net10.0", "qonduit");
        return File.Exists(path) ? path : throw new FileNotFoundException($"build src/Qonduit.Cli ({configuration}) first: {path} is missing");
    }
}

[CollectionDefinition(Name)]
public sealed class SpankCollection : ICollectionFixture<SpankFixture>
{
    public const string Name = "slurm-spank";
}
