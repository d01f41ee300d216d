using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Simulation.Sampling;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Execution;

/// <summary>
/// Per-shot execution for plans whose outcome is not one final state. The unitary prefix before the first random
/// step is simulated once and copied into each shot; trailing measurements are drawn jointly from the final state.
/// </summary>
internal sealed class Trajectories(ExecutionPlan plan, CompiledProgram program, StateVector state, Xoshiro256 rng)
{
    public Dictionary<string, int> Run(int shots)
    {
        var steps = program.Steps;
        var prefix = steps.TakeWhile(s => s is CompiledProgram.Step.Gates).Count();
        var suffix = steps.Length;
        while (suffix > prefix && steps[suffix - 1] is CompiledProgram.Step.Measure) suffix--;
        var trailing = steps[suffix..].Cast<CompiledProgram.Step.Measure>()
            .Select(m => new ExecutionOp.Measure(m.Qubit, m.Clbit, m.Readout)).ToArray();

        for (var i = 0; i < prefix; i++) Execute(steps[i], []);
        using var start = prefix > 0 && shots > 1 ? Snapshot() : null;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = plan.CountKeys;
        var clbits = new bool[plan.NumClbits];
        for (var shot = 0; shot < shots; shot++)
        {
            if (shot > 0)
            {
                if (start is null) state.Reset();
                else state.CopyFrom(start);
                if (start is null) for (var i = 0; i < prefix; i++) Execute(steps[i], clbits);
            }
            Array.Clear(clbits);
            for (var i = prefix; i < suffix; i++) Execute(steps[i], clbits);
            if (trailing.Length > 0)
            {
                var index = StateSampler.Sample(state, 1, rng).Keys.Single();
                ShotExecutor.Record(trailing, index, clbits, rng);
            }
            ShotExecutor.Add(counts, keys.Format(clbits), 1);
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
                foreach (var matrix in gates.Matrices) state.Apply(matrix);
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
        var probability = outcome ? one : 1 - one;
        state.Apply(CompiledProgram.Collapse(qubit, outcome, probability, toZero));
        return outcome;
    }

    private static bool Holds(int[] bits, long value, bool[] clbits)
    {
        long read = 0;
        for (var i = 0; i < bits.Length; i++) if (clbits[bits[i]]) read |= 1L << i;
        return read == value;
    }

    /// <summary>Picks K_i with probability Tr(K_i ρ K_i†) from the targets' reduced density matrix, then renormalises.</summary>
    private void ApplyKraus(CompiledProgram.Step.Kraus kraus)
    {
        var rho = state.ReducedDensityMatrix(kraus.Targets);
        var dimension = 1 << kraus.Targets.Length;
        var u = rng.NextDouble();
        var cumulative = 0.0;
        var chosen = kraus.Operators.Length - 1;
        var probabilities = new double[kraus.Operators.Length];
        for (var i = 0; i < kraus.Operators.Length; i++)
        {
            probabilities[i] = Weight(kraus.Operators[i], rho, dimension);
            cumulative += probabilities[i];
            if (u < cumulative) { chosen = i; break; }
        }
        while (chosen > 0 && probabilities[chosen] <= 0 && Weight(kraus.Operators[chosen], rho, dimension) <= 0) chosen--;
        var p = Weight(kraus.Operators[chosen], rho, dimension);
        var scale = 1 / Math.Sqrt(p);
        var matrix = kraus.Operators[chosen].Select(c => c * scale).ToArray();
        state.Apply(kraus.Targets, matrix, MatrixStructureOf(matrix));
    }

    private static GateStructure MatrixStructureOf(Complex[] matrix) => MatrixStructure.Classify(matrix);

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
