using System.Text.Json;
using Qonduit.Tests.Shared;

namespace Qonduit.Cli.Tests;

public sealed class DeviceVerbTests
{
    private const string BellOnNeighbours = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nsx q[0];\ncz q[0],q[1];\nmeasure q -> c;\n";

    [Fact]
    public void Import_of_ibm_fez_writes_a_snapshot_with_156_qubits_and_352_couplers()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory().FullName, "fez.json");
        var outcome = QonduitProcess.Run("devices", "import", "--ibm",
            RepoPaths.IbmBackend("conf", "fez"), RepoPaths.IbmBackend("props", "fez"), "-o", output);
        Assert.Equal(0, outcome.ExitCode);
        using var snapshot = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(156, snapshot.RootElement.GetProperty("qubits").GetArrayLength());
        Assert.Equal(352, snapshot.RootElement.GetProperty("couplers").GetArrayLength());
    }

    [Fact]
    public void Generate_with_the_same_seed_writes_the_same_calibration()
    {
        var first = QonduitProcess.Run("devices", "generate", "grid", "--qubits", "9", "--seed", "7");
        var second = QonduitProcess.Run("devices", "generate", "grid", "--qubits", "9", "--seed", "7");
        Assert.Equal(0, first.ExitCode);
        using var a = JsonDocument.Parse(first.Stdout);
        using var b = JsonDocument.Parse(second.Stdout);
        Assert.Equal(a.RootElement.GetProperty("qubits").GetRawText(), b.RootElement.GetProperty("qubits").GetRawText());
        Assert.Equal(a.RootElement.GetProperty("couplers").GetRawText(), b.RootElement.GetProperty("couplers").GetRawText());
    }

    [Fact]
    public void Admit_accepts_a_native_circuit_on_a_coupled_pair()
    {
        var outcome = QonduitProcess.Run("admit", QonduitProcess.TempFile("ok.qasm", BellOnNeighbours), "--device", "ibm_fez");
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public void Admit_lists_every_violation_and_exits_one()
    {
        var circuit = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\nh q[0];\ncx q[0],q[2];\n";
        var outcome = QonduitProcess.Run("admit", QonduitProcess.TempFile("bad.qasm", circuit), "--device", "ibm_fez");
        Assert.Equal(1, outcome.ExitCode);
        var report = outcome.Stdout + outcome.Stderr;
        Assert.Contains("bad.qasm:4", report);
        Assert.Contains("bad.qasm:5", report);
    }

    [Fact]
    public void A_missing_snapshot_file_is_a_user_error_not_a_crash()
    {
        var outcome = QonduitProcess.Run("devices", "show", "/nonexistent/snapshot.json");
        Assert.Equal(1, outcome.ExitCode);
        Assert.DoesNotContain("internal error", outcome.Stderr);
    }
}
