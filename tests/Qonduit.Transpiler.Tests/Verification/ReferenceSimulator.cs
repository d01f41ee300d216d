using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Transpiler.Tests.Verification;

/// <summary>
/// A deliberately plain dense state-vector reference, independent of the simulator project: gate matrices straight from
/// <see cref="GateLibrary"/>, mid-circuit measurements and resets as explicit branches (each branch keeps its
/// unnormalised amplitudes, so its weight is its squared norm), conditions evaluated per branch, and measurements that
/// nothing follows read off the final amplitudes. Only the qubits the circuit touches are simulated.
/// </summary>
internal sealed class ReferenceSimulator
{
    private readonly Dictionary<int, int> _compact = [];
    private List<Branch> _branches = [];

    private ReferenceSimulator(Circuit circuit)
    {
        foreach (var instruction in circuit.Instructions)
        {
            if (instruction is Instruction.Barrier) continue;
            foreach (var q in instruction.Qubits) _compact.TryAdd(q, _compact.Count);
        }
        if (_compact.Count > 22) throw new InvalidOperationException($"{_compact.Count} qubits is beyond this reference");
        var state = new Complex[1 << _compact.Count];
        state[0] = 1;
        _branches.Add(new Branch(state, 0));
    }

    /// <summary>Circuit qubit → index in <see cref="Outcome.States"/>.</summary>
    public IReadOnlyDictionary<int, int> Compact => _compact;

    public static Outcome Run(Circuit circuit)
    {
        var simulator = new ReferenceSimulator(circuit);
        var deferred = DeferredMeasurements(circuit);
        for (var i = 0; i < circuit.Instructions.Count; i++)
        {
            if (deferred.Contains(i)) continue;
            simulator.Apply(circuit.Instructions[i]);
        }
        var distribution = new Dictionary<ulong, double>();
        var finals = deferred.Select(i => (Instruction.Measure)circuit.Instructions[i]).ToArray();
        foreach (var branch in simulator._branches)
            for (var index = 0; index < branch.State.Length; index++)
            {
                var p = branch.State[index].Magnitude * branch.State[index].Magnitude;
                if (p < 1e-16) continue;
                var key = branch.Clbits;
                foreach (var m in finals)
                {
                    var bit = (ulong)((index >> simulator._compact[m.Qubit]) & 1);
                    key = (key & ~(1UL << m.Clbit)) | (bit << m.Clbit);
                }
                distribution[key] = distribution.GetValueOrDefault(key) + p;
            }
        return new Outcome(distribution, [.. simulator._branches.Select(b => b.State)], simulator._compact);
    }

    /// <summary>Measurements after which nothing touches their qubit and nothing reads or rewrites their bit.</summary>
    private static HashSet<int> DeferredMeasurements(Circuit circuit)
    {
        var deferred = new HashSet<int>();
        var touchedQubits = new HashSet<int>();
        var usedBits = new HashSet<int>();
        for (var i = circuit.Instructions.Count - 1; i >= 0; i--)
        {
            var instruction = circuit.Instructions[i];
            if (instruction is Instruction.Barrier) continue;
            if (instruction is Instruction.Measure m && instruction.Condition is null && !touchedQubits.Contains(m.Qubit) && !usedBits.Contains(m.Clbit))
                deferred.Add(i);
            foreach (var q in instruction.Qubits) touchedQubits.Add(q);
            if (instruction is Instruction.Measure written) usedBits.Add(written.Clbit);
            if (instruction.Condition is { } condition) foreach (var b in condition.Clbits) usedBits.Add(b);
        }
        return deferred;
    }

    private void Apply(Instruction instruction)
    {
        switch (instruction)
        {
            case Instruction.Gate gate:
                var matrix = GateLibrary.Matrix(gate);
                var qubits = gate.Targets.Select(q => _compact[q]).ToArray();
                foreach (var branch in _branches)
                    if (Holds(gate.Condition, branch.Clbits)) ApplyMatrix(branch.State, matrix, qubits);
                break;
            case Instruction.Measure m:
                Split(_compact[m.Qubit], (branch, outcome) => new Branch(branch.State, outcome == 1 ? branch.Clbits | (1UL << m.Clbit) : branch.Clbits & ~(1UL << m.Clbit)), m.Condition);
                break;
            case Instruction.Reset r:
                var q0 = _compact[r.Qubit];
                Split(q0, (branch, outcome) =>
                {
                    if (outcome == 1) ApplyMatrix(branch.State, [0, 1, 1, 0], [q0]);
                    return branch;
                }, r.Condition);
                break;
        }
    }

    private void Split(int qubit, Func<Branch, int, Branch> settle, ClassicalCondition? condition)
    {
        var next = new List<Branch>();
        foreach (var branch in _branches)
        {
            if (!Holds(condition, branch.Clbits))
            {
                next.Add(branch);
                continue;
            }
            for (var outcome = 0; outcome < 2; outcome++)
            {
                var projected = new Complex[branch.State.Length];
                var weight = 0.0;
                for (var i = 0; i < projected.Length; i++)
                {
                    if (((i >> qubit) & 1) != outcome) continue;
                    projected[i] = branch.State[i];
                    weight += projected[i].Magnitude * projected[i].Magnitude;
                }
                if (weight > 1e-14) next.Add(settle(new Branch(projected, branch.Clbits), outcome));
            }
        }
        _branches = next;
    }

    private static bool Holds(ClassicalCondition? condition, ulong clbits)
    {
        if (condition is null) return true;
        long value = 0;
        for (var i = 0; i < condition.Clbits.Count; i++) value |= (long)((clbits >> condition.Clbits[i]) & 1) << i;
        return value == condition.Value;
    }

    public static void ApplyMatrix(Complex[] state, Complex[] matrix, int[] qubits)
    {
        var k = qubits.Length;
        var d = 1 << k;
        var mask = 0;
        foreach (var q in qubits) mask |= 1 << q;
        var offsets = new int[d];
        for (var local = 0; local < d; local++)
            for (var j = 0; j < k; j++)
                if (((local >> j) & 1) == 1) offsets[local] |= 1 << qubits[j];
        var gathered = new Complex[d];
        for (var i = 0; i < state.Length; i++)
        {
            if ((i & mask) != 0) continue;
            for (var c = 0; c < d; c++) gathered[c] = state[i | offsets[c]];
            for (var r = 0; r < d; r++)
            {
                var sum = Complex.Zero;
                for (var c = 0; c < d; c++) sum += matrix[r * d + c] * gathered[c];
                state[i | offsets[r]] = sum;
            }
        }
    }

    private sealed record Branch(Complex[] State, ulong Clbits);

    /// <summary>Probabilities of classical outcomes (bit i of a key is clbit i) and the final branch states.</summary>
    internal sealed record Outcome(Dictionary<ulong, double> Distribution, List<Complex[]> States, IReadOnlyDictionary<int, int> Compact);
}
