using System.Collections.Immutable;

namespace Qonduit.Simulation.Execution;

/// <summary>
/// Terminality per qubit. A measurement is terminal when nothing after it acts on its qubit (other than terminal
/// measurements) and nothing after it reads its classical bit or writes it non-terminally: whatever happens later on
/// other qubits, it commutes to the end. A reset is a no-op when its qubit is still |0⟩ (nothing acted on it yet and
/// the run starts from |0…0⟩) or when nothing after it acts on the qubit at all (no result can see it). Only a real
/// dependence (a gate, kept reset, channel or non-terminal measurement on a measured qubit, or a condition on or
/// rewrite of its bit) keeps a measurement in place and makes the run one simulation per shot.
/// </summary>
internal static class TerminalMeasurements
{
    /// <summary>
    /// The operations with no-op resets dropped and terminal measurements moved to the end in their original order
    /// (so a bit written twice keeps its last write). Everything else keeps its order.
    /// </summary>
    /// <param name="startsInZero">the run starts from |0…0⟩ (not from a shared prefix's state).</param>
    public static ImmutableArray<ExecutionOp> Defer(ImmutableArray<ExecutionOp> ops, int qubits, int clbits, bool startsInZero)
    {
        var dropped = new bool[ops.Length];
        if (startsInZero)
        {
            var acted = new bool[qubits];
            for (var i = 0; i < ops.Length; i++)
            {
                if (ops[i] is ExecutionOp.Reset r && !acted[r.Qubit]) dropped[i] = true;
                else foreach (var q in ops[i].Qubits) acted[q] = true;
            }
        }
        var deferred = new bool[ops.Length];
        var keptLater = new bool[qubits];
        var anyLater = new bool[qubits];
        var bitUsedLater = new bool[clbits];
        for (var i = ops.Length - 1; i >= 0; i--)
        {
            if (dropped[i]) continue;
            switch (ops[i])
            {
                case ExecutionOp.Measure m when !keptLater[m.Qubit] && !bitUsedLater[m.Clbit]:
                    deferred[i] = anyLater[m.Qubit] = true;
                    continue;
                case ExecutionOp.Reset r when !anyLater[r.Qubit]:
                    dropped[i] = true;
                    continue;
                case ExecutionOp.Measure m:
                    bitUsedLater[m.Clbit] = true;
                    break;
                case ExecutionOp.Conditional c:
                    foreach (var bit in c.Condition.Clbits) bitUsedLater[bit] = true;
                    if (c.Body is ExecutionOp.Measure body) bitUsedLater[body.Clbit] = true;
                    break;
            }
            foreach (var q in ops[i].Qubits) keptLater[q] = anyLater[q] = true;
        }
        if (!dropped.Contains(true) && IsOrdered(deferred)) return ops;
        var result = ImmutableArray.CreateBuilder<ExecutionOp>(ops.Length);
        for (var i = 0; i < ops.Length; i++) if (!dropped[i] && !deferred[i]) result.Add(ops[i]);
        for (var i = 0; i < ops.Length; i++) if (deferred[i]) result.Add(ops[i]);
        return result.ToImmutable();
    }

    /// <summary>
    /// Whether operations already passed through <see cref="Defer"/> are one state then a readout: nothing random
    /// (reset, condition, channel) and no measurement before the trailing ones.
    /// </summary>
    public static bool AreOneStateThenReadout(ImmutableArray<ExecutionOp> deferred)
    {
        var measuring = false;
        foreach (var op in deferred)
        {
            switch (op)
            {
                case ExecutionOp.Measure: measuring = true; break;
                case ExecutionOp.Unitary when measuring: return false;
                case ExecutionOp.Reset or ExecutionOp.Conditional or ExecutionOp.Kraus: return false;
            }
        }
        return true;
    }

    /// <summary>True when every deferred operation already sits after every kept one.</summary>
    private static bool IsOrdered(bool[] deferred)
    {
        var seen = false;
        foreach (var d in deferred)
        {
            if (d) seen = true;
            else if (seen) return false;
        }
        return true;
    }
}
