using Qonduit.Circuits.Ir;

namespace Qonduit.Transpiler.Layout;

/// <summary>How often each pair of logical qubits meets in a multi-qubit gate, and which qubits are measured.</summary>
internal sealed class InteractionGraph
{
    public InteractionGraph(int qubits, IEnumerable<Instruction> instructions)
    {
        Qubits = qubits;
        Weights = new Dictionary<int, int>[qubits];
        for (var q = 0; q < qubits; q++) Weights[q] = [];
        Measured = new int[qubits];
        Touched = new bool[qubits];
        foreach (var instruction in instructions)
        {
            foreach (var q in instruction.Qubits) Touched[q] = true;
            if (instruction is Instruction.Measure m) Measured[m.Qubit]++;
            if (instruction is not Instruction.Gate g || g.Targets.Count < 2) continue;
            TwoQubitGates++;
            for (var i = 0; i < g.Targets.Count; i++)
                for (var j = i + 1; j < g.Targets.Count; j++) Add(g.Targets[i], g.Targets[j]);
        }
    }

    public int Qubits { get; }

    public Dictionary<int, int>[] Weights { get; }

    public int[] Measured { get; }

    /// <summary>Whether any instruction acts on the qubit (a register's unused qubits may sit anywhere).</summary>
    public bool[] Touched { get; }

    public int TwoQubitGates { get; private set; }

    public int Total(int qubit) => Weights[qubit].Values.Sum();

    /// <summary>
    /// Logical qubits in placement order: the busiest first, then always the one most tied to those already placed.
    /// </summary>
    public List<int> PlacementOrder()
    {
        var order = new List<int>(Qubits);
        var placed = new bool[Qubits];
        var tie = new int[Qubits];
        var totals = Enumerable.Range(0, Qubits).Select(Total).ToArray();
        for (var step = 0; step < Qubits; step++)
        {
            var best = -1;
            for (var q = 0; q < Qubits; q++)
            {
                if (placed[q]) continue;
                if (best < 0 || tie[q] > tie[best] || (tie[q] == tie[best] && totals[q] > totals[best])) best = q;
            }
            placed[best] = true;
            order.Add(best);
            foreach (var (other, weight) in Weights[best]) tie[other] += weight;
        }
        return order;
    }

    private void Add(int a, int b)
    {
        if (a == b) return;
        Weights[a][b] = Weights[a].GetValueOrDefault(b) + 1;
        Weights[b][a] = Weights[b].GetValueOrDefault(a) + 1;
    }
}
