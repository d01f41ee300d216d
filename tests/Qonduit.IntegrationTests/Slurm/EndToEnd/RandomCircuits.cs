using System.Globalization;
using System.Text;

namespace Qonduit.IntegrationTests.Slurm.EndToEnd;

/// <summary>Random circuits native to the generated line device (rz, sx, x, cz on neighbours), so admission accepts them as they are.</summary>
public static class RandomCircuits
{
    public static string Line(int qubits, int layers, int seed)
    {
        var random = new Random(seed);
        var qasm = new StringBuilder($"OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[{qubits}];\ncreg c[{qubits}];\n");
        for (var layer = 0; layer < layers; layer++)
        {
            for (var q = 0; q < qubits; q++)
            {
                qasm.Append(CultureInfo.InvariantCulture, $"rz({random.NextDouble() * 2 * Math.PI:0.######}) q[{q}];\n");
                qasm.Append(random.Next(2) == 0 ? $"sx q[{q}];\n" : $"x q[{q}];\n");
            }
            for (var q = layer % 2; q + 1 < qubits; q += 2) qasm.Append(CultureInfo.InvariantCulture, $"cz q[{q}],q[{q + 1}];\n");
        }
        return qasm.Append("measure q -> c;\n").ToString();
    }
}
