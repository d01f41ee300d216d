using System.Numerics;
using Qonduit.Circuits.Ir;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Noise;

namespace Qonduit.Simulation.DensityMatrix;

/// <summary>
/// The exact reference for noisy runs: evolves the density matrix through a <see cref="NoisyPlan"/>, applying every
/// channel exactly (gates as UρU†, depolarisation as its partial-trace form, relaxation and Kraus operations as
/// Σ KρK†). Mid-circuit measurements, readout errors and conditions are exact too: the state is kept as one
/// unnormalised ρ per value of the classical bits, whose traces are the outcome probabilities.
/// </summary>
public static class DensityMatrixSimulator
{
    public const int MaxQubits = 12;

    /// <exception cref="DensityMatrixTooLargeException">more than <see cref="MaxQubits"/> qubits.</exception>
    public static DensityMatrixResult Run(NoisyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.NumQubits > MaxQubits) throw new DensityMatrixTooLargeException(plan.NumQubits);
        if (plan.Plan.NumClbits > 63)
            throw new SimulationRequestException(ErrorCodes.Simulation.DensityMatrixClbits, $"the density-matrix engine tracks at most 63 classical bits; this circuit has {plan.Plan.NumClbits}");
        var branches = new Dictionary<ulong, DensityOperator> { [0] = DensityOperator.Ground(plan.NumQubits) };
        foreach (var step in plan.Steps)
        {
            branches = step switch
            {
                NoisyStep.Op { Operation: ExecutionOp.Conditional c } => Conditionally(branches, c.Condition, b => Apply(b, c.Body)),
                NoisyStep.Op op => Apply(branches, op.Operation),
                NoisyStep.Channel { Condition: { } condition } ch => Conditionally(branches, condition, b => Apply(b, ch.Noise)),
                NoisyStep.Channel ch => Apply(branches, ch.Noise),
                _ => throw new InvalidOperationException($"unknown step {step}"),
            };
        }
        return new DensityMatrixResult(plan.Plan, branches);
    }

    private static Dictionary<ulong, DensityOperator> Apply(Dictionary<ulong, DensityOperator> branches, ExecutionOp op)
    {
        switch (op)
        {
            case ExecutionOp.Unitary u:
                foreach (var rho in branches.Values) rho.Conjugate(u.Targets.AsSpan(), u.Matrix.AsSpan());
                return branches;
            case ExecutionOp.Kraus k:
                var operators = k.Operators.Select(o => o.AsSpan().ToArray()).ToArray();
                foreach (var rho in branches.Values) rho.ApplyKraus(k.Targets.AsSpan(), operators);
                return branches;
            case ExecutionOp.Reset r:
                foreach (var rho in branches.Values) rho.Reset(r.Qubit);
                return branches;
            case ExecutionOp.Measure m:
                return Measure(branches, m);
            case ExecutionOp.Conditional c:
                return Conditionally(branches, c.Condition, b => Apply(b, c.Body));
            default:
                throw new InvalidOperationException($"unknown operation {op}");
        }
    }

    private static Dictionary<ulong, DensityOperator> Apply(Dictionary<ulong, DensityOperator> branches, NoiseChannel channel)
    {
        foreach (var rho in branches.Values)
        {
            switch (channel)
            {
                case NoiseChannel.Depolarizing d: rho.Depolarize(d.Targets.AsSpan(), d.Parameter); break;
                case NoiseChannel.Relaxation r: rho.ApplyKraus([r.Qubit], r.Parameters.Kraus()); break;
                default: throw new InvalidOperationException($"unknown channel {channel}");
            }
        }
        return branches;
    }

    private static Dictionary<ulong, DensityOperator> Measure(Dictionary<ulong, DensityOperator> branches, ExecutionOp.Measure m)
    {
        var result = new Dictionary<ulong, DensityOperator>();
        var clbit = 1UL << m.Clbit;
        foreach (var (key, rho) in branches)
        {
            for (var outcome = 0; outcome < 2; outcome++)
            {
                var projected = rho.Project(m.Qubit, outcome);
                if (projected.Trace() <= 0) continue;
                for (var record = 0; record < 2; record++)
                {
                    var p = RecordProbability(m.Readout, outcome, record);
                    if (p > 0) Accumulate(result, record == 1 ? key | clbit : key & ~clbit, projected, p);
                }
            }
        }
        return result;
    }

    private static double RecordProbability(ReadoutConfusion? readout, int outcome, int record) => (readout, outcome) switch
    {
        (null, _) => outcome == record ? 1 : 0,
        (_, 0) => record == 1 ? readout.Prob1Given0 : 1 - readout.Prob1Given0,
        _ => record == 0 ? readout.Prob0Given1 : 1 - readout.Prob0Given1,
    };

    private static Dictionary<ulong, DensityOperator> Conditionally(
        Dictionary<ulong, DensityOperator> branches, ClassicalCondition condition, Func<Dictionary<ulong, DensityOperator>, Dictionary<ulong, DensityOperator>> body)
    {
        var taken = new Dictionary<ulong, DensityOperator>();
        var result = new Dictionary<ulong, DensityOperator>();
        foreach (var (key, rho) in branches) (Holds(condition, key) ? taken : result)[key] = rho;
        foreach (var (key, rho) in body(taken)) Accumulate(result, key, rho, 1);
        return result;
    }

    private static bool Holds(ClassicalCondition condition, ulong clbits)
    {
        var value = 0L;
        for (var i = 0; i < condition.Clbits.Count; i++)
            if ((clbits >> condition.Clbits[i] & 1) == 1) value |= 1L << i;
        return value == condition.Value;
    }

    private static void Accumulate(Dictionary<ulong, DensityOperator> branches, ulong key, DensityOperator rho, double weight)
    {
        if (branches.TryGetValue(key, out var existing)) existing.Add(rho, weight);
        else if (weight == 1) branches[key] = rho;
        else
        {
            var scaled = DensityOperator.Zero(rho.NumQubits);
            scaled.Add(rho, weight);
            branches[key] = scaled;
        }
    }
}
