using Qonduit.Qrmi.Local;
using Qonduit.Tests.Shared;

namespace Qonduit.IntegrationTests.Spank;

/// <summary>
/// Installs the --qpu plugin into the running cluster with `qonduit slurm install-plugin`, pointing it at a
/// qrmi_config.json of local simulators under a fixed folder (plugstack.conf is global, so every test shares it).
/// Resource `sim` matches the cluster licence `qpu_sim` that scripts/setup/slurm.sh declares.
/// </summary>
public sealed class SpankFixture
{
    public const string WorkDir = "/tmp/qonduit-spank-tests";

    public SpankFixture()
    {
        SlurmCluster.EnsureUp();
        Directory.CreateDirectory(WorkDir);
        Qonduit = FindQonduit();
        LeaseDir = Path.Combine(WorkDir, "leases");
        ConfigPath = Path.Combine(WorkDir, "qrmi_config.json");
        File.WriteAllText(ConfigPath, $$$"""
            {"resources": [
              {"name": "sim", "type": "local-simulator",
               "environment": {"QRMI_LOCAL_TOPOLOGY": "line", "QRMI_LOCAL_QUBITS": "5", "QRMI_LOCAL_SEED": "3",
                               "QRMI_LOCAL_LANES": "1", "QRMI_LOCAL_LEASE_DIR": "{{{LeaseDir}}}"}}
            ]}
            """);
        File.WriteAllText(Path.Combine(WorkDir, "bell.qasm"),
            "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q -> c;\n");
        InstallOutput = SlurmCluster.Run(Qonduit, "slurm", "install-plugin", "--config", ConfigPath, "--qonduit", Qonduit);
    }

    public string Qonduit { get; }

    public string LeaseDir { get; }

    public string ConfigPath { get; }

    public string InstallOutput { get; }

    public LaneLeaseStore Leases(string resource) => new(Path.Combine(LeaseDir, resource), resource, 1);

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
