using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Pipeline;
using Qonduit.Transpiler.Synthesis;

namespace Qonduit.Transpiler.Passes;

/// <summary>
/// Removes gate pairs whose product is the identity (cz·cz, ecr·ecr, x·x, sx·sxdg, ...) when every gate between them
/// on their qubits commutes with them (rz and cz with each other, x with sx, ...: known at once for diagonal gates,
/// otherwise from the matrices, cached per gate pair and overlap) and merges each rz into an earlier rz on the same qubit across gates that
/// commute with Z there (cz on either qubit, the control of cx, diagonal gates). Repeats until nothing changes.
/// Conditioned gates, measurements, resets, barriers and delays are never crossed.
/// </summary>
internal sealed class CancelPass : ITranspilerPass
{
    private const int LookBehind = 16;
    private const double Tolerance = 1e-9;
    private static readonly ConcurrentDictionary<(string, int), bool> ZCommutes = new();

    public string Name => "cancel";

    public string Description => "cancel adjacent inverse pairs and merge rz across gates that commute with it";

    public void Run(TranspileContext context)
    {
        var width = 0;
        foreach (var instruction in context.Instructions)
            foreach (var q in instruction.Qubits) width = Math.Max(width, q + 1);
        var stacks = new List<int>[width];
        for (var q = 0; q < width; q++) stacks[q] = [];
        // One buffer for every round: on a long circuit it is a large object, and a fresh one per round cost gen-2 collections.
        var output = ArrayPool<Instruction?>.Shared.Rent(context.Instructions.Count);
        try
        {
            for (var round = 0; round < 8; round++)
            {
                var (phase, changed) = Sweep(context.Instructions, output, stacks);
                context.GlobalPhase += phase;
                if (!changed) break;
            }
        }
        finally
        {
            ArrayPool<Instruction?>.Shared.Return(output, clearArray: true);
        }
    }

    /// <summary>One pass over the circuit; what survives is written back into <paramref name="instructions"/>.</summary>
    private static (double, bool) Sweep(List<Instruction> instructions, Instruction?[] output, List<int>[] stacks)
    {
        foreach (var stack in stacks) stack.Clear();
        var count = 0;
        var phase = 0.0;
        var changed = false;

        foreach (var instruction in instructions)
        {
            if (instruction is Instruction.Gate gate && IsFree(gate))
            {
                if (gate.Name == "rz" && (DropsOut(gate, ref phase) || MergeRz(gate, output, stacks[gate.Targets[0]], ref phase)))
                {
                    changed = true;
                    continue;
                }
                if (TryCancel(gate, output, stacks, ref phase))
                {
                    changed = true;
                    continue;
                }
            }
            output[count] = instruction;
            foreach (var q in instruction.Qubits) stacks[q].Add(count);
            count++;
        }
        if (!changed) return (phase, false);
        instructions.Clear();
        for (var i = 0; i < count; i++)
            if (output[i] is { } kept) instructions.Add(kept);
        return (phase, changed);
    }

    /// <summary>rz(2πk) is (-1)^k: nothing but a phase.</summary>
    private static bool DropsOut(Instruction.Gate rz, ref double phase)
    {
        var angle = rz.Parameters[0].Evaluate();
        var folded = OneQubitSynthesis.Normalize(angle);
        if (Math.Abs(folded) >= Tolerance) return false;
        phase += (angle - folded) / 2;
        return true;
    }

    private static bool MergeRz(Instruction.Gate rz, Instruction?[] output, List<int> stack, ref double phase)
    {
        var q = rz.Targets[0];
        for (var k = stack.Count - 1; k >= Math.Max(0, stack.Count - LookBehind); k--)
        {
            var earlier = output[stack[k]];
            if (earlier is Instruction.Gate { Name: "rz" } previous && IsFree(previous))
            {
                var sum = previous.Parameters[0].Evaluate() + rz.Parameters[0].Evaluate();
                var folded = OneQubitSynthesis.Normalize(sum);
                phase += (sum - folded) / 2;
                if (Math.Abs(folded) < Tolerance)
                {
                    output[stack[k]] = null;
                    stack.RemoveAt(k);
                }
                else output[stack[k]] = previous with { Parameters = new ParameterExpression[] { folded } };
                return true;
            }
            if (earlier is not Instruction.Gate other || !IsFree(other) || !CommutesWithZ(other, other.Targets.AsSpan().IndexOf(q))) return false;
        }
        return false;
    }

    /// <summary>
    /// Looks back along the gate's first qubit, past gates that commute with it, for an earlier gate on the same qubits
    /// that it cancels; on its other qubits everything after that partner must commute with it too.
    /// </summary>
    private static bool TryCancel(Instruction.Gate gate, Instruction?[] output, List<int>[] stacks, ref double phase)
    {
        var first = stacks[gate.Targets[0]];
        for (var k = first.Count - 1; k >= Math.Max(0, first.Count - LookBehind); k--)
        {
            var index = first[k];
            if (output[index] is not Instruction.Gate earlier || !IsFree(earlier)) return false;
            if (earlier.Targets.Count == gate.Targets.Count && TryInverse(earlier, gate, out var pairPhase) && ClearAfter(gate, index, output, stacks))
            {
                output[index] = null;
                foreach (var q in gate.Targets) stacks[q].RemoveAt(stacks[q].LastIndexOf(index));
                phase += pairPhase;
                return true;
            }
            if (!Commute(earlier, gate)) return false;
        }
        return false;
    }

    /// <summary>Whether every gate after <paramref name="partner"/> on the gate's other qubits commutes with it.</summary>
    private static bool ClearAfter(Instruction.Gate gate, int partner, Instruction?[] output, List<int>[] stacks)
    {
        for (var i = 1; i < gate.Targets.Count; i++)
        {
            var stack = stacks[gate.Targets[i]];
            var k = stack.Count - 1;
            for (; k >= 0 && stack[k] > partner; k--)
                if (stack.Count - k > LookBehind || output[stack[k]] is not Instruction.Gate between || !IsFree(between) || !Commute(between, gate)) return false;
            if (k < 0 || stack[k] != partner) return false;
        }
        return true;
    }

    /// <summary>Whether a·b = b·a: at once for two diagonal gates, otherwise from their matrices on the qubits they share.</summary>
    private static bool Commute(Instruction.Gate a, Instruction.Gate b)
    {
        if (IsDiagonal(a) && IsDiagonal(b)) return true;
        // The common cases of a native circuit without a heap matrix: two 1q gates by value; a diagonal 1q gate (an rz)
        // commutes with exactly the gates that commute with Z on its qubit; a non-diagonal one (sx, x) is taken not
        // to commute with a diagonal gate (cz), which holds but for trivial cases.
        if (a.Targets.Count == 1 && b.Targets.Count == 1)
        {
            var (ma, mb) = (Matrix2.Of(a), Matrix2.Of(b));
            var (ab, ba) = (ma.Times(mb), mb.Times(ma));
            return (ab.A - ba.A).Magnitude <= Tolerance && (ab.B - ba.B).Magnitude <= Tolerance
                && (ab.C - ba.C).Magnitude <= Tolerance && (ab.D - ba.D).Magnitude <= Tolerance;
        }
        if (a.Targets.Count == 1) return IsDiagonal(a) ? CommutesWithZ(b, b.Targets.AsSpan().IndexOf(a.Targets[0])) : !IsDiagonal(b) && CommuteGeneral(a, b);
        if (b.Targets.Count == 1) return IsDiagonal(b) ? CommutesWithZ(a, a.Targets.AsSpan().IndexOf(b.Targets[0])) : !IsDiagonal(a) && CommuteGeneral(a, b);
        return CommuteGeneral(a, b);
    }

    private static bool CommuteGeneral(Instruction.Gate a, Instruction.Gate b)
    {
        var union = new List<int>(4);
        foreach (var q in a.Targets) if (!union.Contains(q)) union.Add(q);
        foreach (var q in b.Targets) if (!union.Contains(q)) union.Add(q);
        if (union.Count > 4) return false;
        var pattern = 0;
        foreach (var q in a.Targets) pattern = pattern * 4 + union.IndexOf(q);
        foreach (var q in b.Targets) pattern = pattern * 4 + union.IndexOf(q);
        if (a.Parameters.Count == 0 && b.Parameters.Count == 0)
            return Commutations.GetOrAdd((a.Name, b.Name, pattern), _ => CommuteByMatrix(a, b, union));
        return CommuteByMatrix(a, b, union);
    }

    private static readonly ConcurrentDictionary<(string, string, int), bool> Commutations = new();

    private static bool CommuteByMatrix(Instruction.Gate a, Instruction.Gate b, List<int> union)
    {
        int[] Positions(Instruction.Gate g) => [.. g.Targets.Select(q => union.IndexOf(q))];
        var ma = MatrixMath.Embed(GateLibrary.Matrix(a), Positions(a), union.Count);
        var mb = MatrixMath.Embed(GateLibrary.Matrix(b), Positions(b), union.Count);
        return MatrixMath.ApproximatelyEqual(MatrixMath.Multiply(ma, mb), MatrixMath.Multiply(mb, ma), Tolerance);
    }

    private static bool IsDiagonal(Instruction.Gate gate)
    {
        for (var k = 0; k < gate.Targets.Count; k++) if (!CommutesWithZ(gate, k)) return false;
        return true;
    }

    /// <summary>Whether second·first is e^{iφ}·1 (same qubits, possibly in the other order for two-qubit gates).</summary>
    private static bool TryInverse(Instruction.Gate first, Instruction.Gate second, out double phase)
    {
        phase = 0;
        var reversed = !first.Targets.Equals(second.Targets);
        if (reversed && (first.Targets.Count != 2 || first.Targets[0] != second.Targets[1] || first.Targets[1] != second.Targets[0])) return false;
        if (first.Parameters.Count == 0 && second.Parameters.Count == 0)
        {
            var (inverse, pairPhase) = Pairs.GetOrAdd((first.Name, second.Name, reversed), key => InverseOf(GateLibrary.Get(key.Item1).Matrix([]), GateLibrary.Get(key.Item2).Matrix([]), key.Item3));
            phase = pairPhase;
            return inverse;
        }
        if (first.Targets.Count == 1) return InverseOf(Matrix2.Of(first), Matrix2.Of(second), out phase);
        (var result, phase) = InverseOf(GateLibrary.Matrix(first), GateLibrary.Matrix(second), reversed);
        return result;
    }

    private static readonly ConcurrentDictionary<(string, string, bool), (bool, double)> Pairs = new();

    /// <summary>The single-qubit case by value: every rz that merges with nothing is checked against its neighbour here.</summary>
    private static bool InverseOf(in Matrix2 first, in Matrix2 second, out double phase)
    {
        var product = second.Times(first);
        phase = 0;
        if (Math.Abs(product.A.Magnitude - 1) > Tolerance || product.B.Magnitude > Tolerance || product.C.Magnitude > Tolerance
            || (product.D - product.A).Magnitude > Tolerance) return false;
        phase = product.A.Phase;
        return true;
    }

    private static (bool, double) InverseOf(Complex[] first, Complex[] second, bool reversed)
    {
        if (reversed) first = LocalEquivalence.SwapArguments(first);
        var product = MatrixMath.Multiply(second, first);
        var scale = product[0];
        if (Math.Abs(scale.Magnitude - 1) > Tolerance) return (false, 0);
        var identity = MatrixMath.Identity(MatrixMath.Dimension(product)).Select(v => v * scale).ToArray();
        return MatrixMath.ApproximatelyEqual(product, identity, Tolerance) ? (true, scale.Phase) : (false, 0);
    }

    /// <summary>Whether the gate commutes with Z on its argument k: no matrix element flips that argument's bit.</summary>
    private static bool CommutesWithZ(Instruction.Gate gate, int k)
    {
        if (k < 0) return false;
        // Asked for nearly every gate of a native circuit: the native gates by name, other 1q gates with angles without a heap matrix.
        switch (gate.Name)
        {
            case "rz" or "cz": return true;
            case "sx" or "x": return false;
        }
        if (gate.Parameters.Count > 0 && gate.Targets.Count == 1)
            return Matrix2.Of(gate) is var m && m.B.Magnitude <= Tolerance && m.C.Magnitude <= Tolerance;
        if (gate.Parameters.Count > 0) return DiagonalIn(GateLibrary.Matrix(gate), k);
        if (ZCommutes.TryGetValue((gate.Name, k), out var known)) return known;
        return ZCommutes[(gate.Name, k)] = DiagonalIn(GateLibrary.Matrix(gate), k);
    }

    private static bool DiagonalIn(Complex[] m, int k)
    {
        var d = MatrixMath.Dimension(m);
        for (var r = 0; r < d; r++)
            for (var c = 0; c < d; c++)
                if (((r ^ c) >> k & 1) == 1 && m[r * d + c].Magnitude > Tolerance) return false;
        return true;
    }

    private static bool IsFree(Instruction.Gate gate)
    {
        if (gate is not { ControlCount: 0, Condition: null }) return false;
        foreach (var p in gate.Parameters) if (!p.IsConstant) return false;
        // Asked at every step of every look-back: the native gates without a library lookup.
        return gate.Name is "rz" or "sx" or "x" or "cz" or "ecr" or "cx" || GateLibrary.TryGet(gate.Name, out _);
    }
}
