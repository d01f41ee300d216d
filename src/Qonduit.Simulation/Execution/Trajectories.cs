using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Simulation.Sampling;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Execution;

/// <summary>
/// Per-shot execution for plans whose outcome is not one final state. The unitary prefix before the first random
/// step is simulated once and copied into each shot; trailing measurements are drawn jointly from the final state.
/// </summary>
/// <param name="origin">the state trajectories start from (|0…0⟩ when null); <paramref name="state"/> already holds it.</param>
internal sealed class Trajectories(ExecutionPlan plan, CompiledProgram program, StateVector state, StateVector? origin, Xoshiro256 rng, CancellationToken cancellation)
{
    private readonly Dictionary<(int Qubit, bool Outcome, bool ToZero), CompiledMatrix> _projectors = [];
    private readonly Dictionary<(CompiledProgram.Step.Kraus Step, int Operator), CompiledMatrix> _operators = [];
    private double _norm = 1;

    /// <summary>
    /// One trajectory per entry, each read out as many times as the entry says: the trailing measurements (and every
    /// readout error) are drawn per shot from the trajectory's final state, everything before them once per trajectory.
    /// </summary>
    public Dictionary<string, int> Run(IReadOnlyList<int> shotsPerTrajectory)
    {
        var steps = program.Steps;
        var prefix = steps.TakeWhile(s => s is CompiledProgram.Step.Gates).Count();
        var suffix = steps.Length;
        while (suffix > prefix && steps[suffix - 1] is CompiledProgram.Step.Measure) suffix--;
        var trailing = steps[suffix..].Cast<CompiledProgram.Step.Measure>()
            .Select(m => new ExecutionOp.Measure(m.Qubit, m.Clbit, m.Readout)).ToArray();

        for (var i = 0; i < prefix; i++) Execute(steps[i], []);
        using var start = prefix > 0 && shotsPerTrajectory.Count > 1 ? Snapshot() : null;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = plan.CountKeys;
        var clbits = new bool[plan.NumClbits];
        for (var trajectory = 0; trajectory < shotsPerTrajectory.Count; trajectory++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (trajectory > 0)
            {
                if (start is not null) state.CopyFrom(start);
                else if (origin is not null) state.CopyFrom(origin);
                else state.Reset();
                if (start is null) for (var i = 0; i < prefix; i++) Execute(steps[i], clbits);
            }
            Array.Clear(clbits);
            _norm = 1;
            for (var i = prefix; i < suffix; i++) Execute(steps[i], clbits);
            var shots = shotsPerTrajectory[trajectory];
            if (trailing.Length == 0)
            {
                ShotExecutor.Add(counts, keys.Format(clbits), shots);
                continue;
            }
            foreach (var (index, hits) in StateSampler.Sample(state, shots, rng).OrderBy(p => p.Key))
                for (var shot = 0; shot < hits; shot++)
                {
                    ShotExecutor.Record(trailing, index, clbits, rng);
                    ShotExecutor.Add(counts, keys.Format(clbits), 1);
                }
        }
        return counts;
    }

    private StateVector Snapshot()
    {
        var copy = StateVector.Create(state.NumQubits, state.Precision);
        copy.CopyFrom(state);
        return copy;
    }

    private void Execute(CompiledProgram.Step step, bool[] clbits)
    {
        switch (step)
        {
            case CompiledProgram.Step.Gates gates:
                CompiledProgram.Apply(state, gates.Matrices, cancellation);
                break;
            case CompiledProgram.Step.Measure m:
                clbits[m.Clbit] = ShotExecutor.ReadOut(Collapse(m.Qubit, toZero: false), m.Readout, rng);
                break;
            case CompiledProgram.Step.Reset r:
                Collapse(r.Qubit, toZero: true);
                break;
            case CompiledProgram.Step.Conditional c:
                if (Holds(c.Clbits, c.Value, clbits)) Execute(c.Body, clbits);
                break;
            case CompiledProgram.Step.Kraus k:
                ApplyKraus(k);
                break;
        }
    }

    private bool Collapse(int qubit, bool toZero)
    {
        var one = Math.Clamp(state.ProbabilityOfOne(qubit), 0, 1);
        var outcome = rng.NextDouble() < one;
        var key = (qubit, outcome, toZero);
        if (!_projectors.TryGetValue(key, out var projector))
            _projectors[key] = projector = CompiledProgram.Collapse(qubit, outcome, 1, toZero);
        state.Apply(projector);
        Shrink(outcome ? one : 1 - one);
        return outcome;
    }

    private static bool Holds(int[] bits, long value, bool[] clbits)
    {
        long read = 0;
        for (var i = 0; i < bits.Length; i++) if (clbits[bits[i]]) read |= 1L << i;
        return read == value;
    }

    /// <summary>
    /// Picks K_i with probability Tr(K_i ρ K_i†) / Tr ρ from the targets' reduced density matrix. The operators are
    /// compiled once and applied unscaled: probabilities are always taken relative to the current norm.
    /// </summary>
    private void ApplyKraus(CompiledProgram.Step.Kraus kraus)
    {
        var rho = state.ReducedDensityMatrix(kraus.Targets);
        var dimension = 1 << kraus.Targets.Length;
        var trace = 0.0;
        for (var d = 0; d < dimension; d++) trace += rho[d * dimension + d].Real;
        var u = rng.NextDouble() * trace;
        var cumulative = 0.0;
        var (chosen, weight) = (-1, 0.0);
        for (var i = 0; i < kraus.Operators.Length; i++)
        {
            var w = Weight(kraus.Operators[i], rho, dimension);
            if (w <= 0) continue;
            // The last operator with weight also takes what rounding leaves past the final cumulative sum.
            (chosen, weight) = (i, w);
            cumulative += w;
            if (u < cumulative) break;
        }
        if (chosen < 0) throw new InvalidOperationException("every operator of a Kraus channel has zero weight: they do not sum to the identity");
        if (!_operators.TryGetValue((kraus, chosen), out var matrix))
        {
            var k = kraus.Operators[chosen];
            _operators[(kraus, chosen)] = matrix = CompiledMatrix.Compile(kraus.Targets, k, MatrixStructure.Classify(k));
        }
        state.Apply(matrix);
        Shrink(weight / trace);
    }

    /// <summary>
    /// Tracks the norm unscaled projections and operators leave; rescales the state only when it gets small enough to
    /// cost single-precision accuracy. The rescale reads the actual norm: no-jump damping is applied as an unscaled
    /// diagonal matrix that this tracking does not see.
    /// </summary>
    private void Shrink(double factor)
    {
        _norm *= factor;
        if (_norm > 1e-6) return;
        var scale = 1 / Math.Sqrt(state.NormSquared());
        state.Apply([0], [scale, 0, 0, scale], GateStructure.Diagonal);
        _norm = 1;
    }

    /// <summary>‖Kψ‖² = Tr(K ρ K†).</summary>
    private static double Weight(Complex[] k, Complex[] rho, int dimension)
    {
        double total = 0;
        for (var r = 0; r < dimension; r++)
        {
            var sum = Complex.Zero;
            for (var a = 0; a < dimension; a++)
            {
                if (k[r * dimension + a] == Complex.Zero) continue;
                for (var b = 0; b < dimension; b++)
                    sum += k[r * dimension + a] * rho[a * dimension + b] * Complex.Conjugate(k[r * dimension + b]);
            }
            total += sum.Real;
        }
        return total;
    }
}
