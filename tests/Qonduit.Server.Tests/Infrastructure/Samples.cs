using Qonduit.Contracts.RunDirectories;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Server.Tests.Infrastructure;

/// <summary>Devices and circuits the tests share.</summary>
public static class Samples
{
    /// <summary>A noisy 5-qubit line (0-1-2-3-4, both directions), native cz rz sx x id.</summary>
    public static DeviceSnapshot Line(string name = "line5", int qubits = 5, bool ideal = false) =>
        DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, qubits, Seed: 3, Ideal: ideal, Name: name));

    /// <summary>Admissible on <see cref="Line"/>: native gates on coupled qubits.</summary>
    public const string Bell = """
        OPENQASM 2.0;
        include "qelib1.inc";
        qreg q[2];
        creg c[2];
        sx q[0];
        cz q[0],q[1];
        measure q -> c;
        """;

    /// <summary>Violations on <see cref="Line"/> in two instructions: h is not native; cx is neither native nor on a coupler.</summary>
    public const string Inadmissible = """
        OPENQASM 2.0;
        include "qelib1.inc";
        qreg q[3];
        creg c[3];
        h q[0];
        cx q[0],q[2];
        measure q -> c;
        """;

    public static string WithQubits(int qubits) => $"""
        OPENQASM 2.0;
        include "qelib1.inc";
        qreg q[{qubits}];
        creg c[{qubits}];
        measure q -> c;
        """;

    /// <summary>A runner result as an agent reports it: <paramref name="counts"/> (default 00: 1) over their total of shots.</summary>
    public static RunResult Result(IReadOnlyDictionary<string, int>? counts = null) => new()
    {
        TaskId = Guid.Empty.ToString(),
        Device = "line5",
        BoundSnapshotVersion = 1,
        SnapshotHash = "sha256:test",
        Shots = counts?.Values.Sum() ?? 1,
        Seed = 7,
        Counts = counts ?? new Dictionary<string, int> { ["00"] = 1 },
        Circuit = new CircuitShape(2, 2, 2, 3, 1, Transpiled: false),
        Timings = new RunTimings(0, 0, 0, 0, 0),
    };
}
