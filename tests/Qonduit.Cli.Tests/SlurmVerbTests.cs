namespace Qonduit.Cli.Tests;

/// <summary>`qonduit slurm config`: the lines an operator pastes into slurm.conf, gres.conf and plugstack.conf.</summary>
public sealed class SlurmVerbTests
{
    [Fact]
    public void Slurm_config_declares_a_licence_per_device_with_its_lanes_a_gres_count_and_the_plugin_line()
    {
        var config = QonduitProcess.TempFile("qrmi_config.json", """
            {"resources": [
              {"name": "sim_a", "type": "local-simulator", "environment": {"QRMI_LOCAL_LANES": "2"}},
              {"name": "sim_b", "type": "local-simulator", "environment": {}},
              {"name": "ibm_fez", "type": "qonduit-vqpu", "environment": {"QRMI_QONDUIT_URL": "http://127.0.0.1:9/"}}
            ]}
            """);

        var outcome = QonduitProcess.Run("slurm", "config", "--config", config, "--node", "node1", "--plugin-dir", "/usr/lib/slurm", "--qonduit", "/opt/qonduit");

        Assert.Equal(0, outcome.ExitCode);
        var lines = outcome.Stdout.Split('\n');
        Assert.Contains("GresTypes=qpu", lines);
        Assert.Contains("Licenses=qpu_sim_a:2,qpu_sim_b:1,qpu_ibm_fez:1", lines);
        Assert.Contains("NodeName=node1 Gres=qpu:4", lines);
        Assert.Contains("Name=qpu Count=4 Flags=CountOnly", lines);
        Assert.Contains($"required /usr/lib/slurm/spank_qonduit.so qonduit=/opt/qonduit config={config}", lines);
        // A control plane that does not answer cannot say its lanes: one is assumed, and the output says so.
        Assert.Contains(lines, l => l.StartsWith("# ibm_fez: lanes unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void Devices_given_on_the_command_line_need_no_configuration()
    {
        var outcome = QonduitProcess.Run("slurm", "config", "--devices", "ibm_fez:2,ibm_torino", "--node", "n", "--config", "/nonexistent/qrmi.json");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Licenses=qpu_ibm_fez:2,qpu_ibm_torino:1\n", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("NodeName=n Gres=qpu:3\n", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Slurm_config_gives_sites_running_slurmdbd_the_tres_line_that_records_each_qpu_licence()
    {
        var lines = QonduitProcess.Run("slurm", "config", "--devices", "ibm_fez:2,ibm_torino", "--node", "n", "--config", "/nonexistent/qrmi.json").Stdout.Split('\n');

        var tres = Array.IndexOf(lines, "AccountingStorageTRES=license/qpu_ibm_fez,license/qpu_ibm_torino");
        Assert.True(tres > 0, string.Join('\n', lines));
        Assert.Contains("slurmdbd", lines[tres - 2], StringComparison.Ordinal);
    }
}
