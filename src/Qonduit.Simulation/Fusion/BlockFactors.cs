using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Simulation.Execution;

namespace Qonduit.Simulation.Fusion;

/// <summary>
/// A fused block kept as the product it was built from, when it is permutations without phases (cx, swap, ccx), then
/// one-qubit gates, then permutations again. A kernel can apply it as one 2×2 update per qubit (the one-qubit gates on
/// a qubit multiplied together; on distinct qubits they commute), the permutations costing nothing but the order in
/// which the block's amplitudes are loaded and stored. A dense k-qubit block costs 2^k complex multiply-adds per
/// amplitude, an update 2: the reference circuits' block (cx, cx, then one-qubit gates on two of its three qubits) is
/// two updates, half the arithmetic of its 8×8 matrix.
/// </summary>
/// <param name="Leading">permutations before the updates, in order; positions index the block's targets (ascending qubits).</param>
/// <param name="Updates">one-qubit matrices on distinct positions.</param>
/// <param name="Trailing">permutations after the updates, in order.</param>
internal sealed record BlockFactors(IReadOnlyList<BlockFactor> Leading, IReadOnlyList<BlockFactor> Updates, IReadOnlyList<BlockFactor> Trailing)
{
    /// <summary>
    /// Whether the updates take fewer multiply-adds than the dense matrix on <paramref name="qubits"/>: an update is
    /// two complex multiply-adds per amplitude, the dense matrix 2^k.
    /// </summary>
    public bool IsCheaperThanDense(int qubits) => 2 * Updates.Count < 1 << qubits;

    /// <summary>The factors of a block of <paramref name="members"/> on <paramref name="qubits"/>, or null when it has no such form.</summary>
    public static BlockFactors? Of(IReadOnlyList<ExecutionOp.Unitary> members, int[] qubits)
    {
        var (leading, trailing) = (new List<BlockFactor>(), new List<BlockFactor>());
        var updates = new Dictionary<int, Complex[]>();
        foreach (var gate in members)
        {
            var positions = gate.Targets.Select(q => Array.IndexOf(qubits, q)).ToArray();
            var matrix = gate.Matrix.ToArray();
            if (positions.Length == 1)
            {
                if (trailing.Count > 0) return null;
                updates[positions[0]] = updates.TryGetValue(positions[0], out var earlier) ? MatrixMath.Multiply(matrix, earlier) : matrix;
            }
            else if (gate.Structure == GateStructure.Permutation && matrix.All(c => c == Complex.Zero || c == Complex.One))
                (updates.Count == 0 ? leading : trailing).Add(new BlockFactor(positions, matrix));
            else
                return null;
        }
        return new BlockFactors(leading, [.. updates.Select(u => new BlockFactor([u.Key], u.Value))], trailing);
    }
}

/// <summary>A one-qubit matrix, or a 0/1 permutation matrix on some positions (bit j of its indices is position j).</summary>
internal sealed record BlockFactor(int[] Positions, Complex[] Matrix);
