using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Tests;

/// <summary>Random normalised states and random gates for comparing kernels against the scalar oracle.</summary>
internal static class TestStates
{
    public static Complex[] Random(int numQubits, Random random)
    {
        var amplitudes = new Complex[1 << numQubits];
        var norm = 0.0;
        for (var i = 0; i < amplitudes.Length; i++)
        {
            amplitudes[i] = new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
            norm += amplitudes[i].Magnitude * amplitudes[i].Magnitude;
        }
        for (var i = 0; i < amplitudes.Length; i++) amplitudes[i] /= Math.Sqrt(norm);
        return amplitudes;
    }

    public static StateVector Load(Complex[] amplitudes, int numQubits, Precision precision)
    {
        var state = StateVector.Create(numQubits, precision);
        state.Load(amplitudes);
        return state;
    }

    /// <summary>A Haar-ish random unitary from Gram–Schmidt on a random complex matrix.</summary>
    public static Complex[] RandomUnitary(int numQubits, Random random)
    {
        var d = 1 << numQubits;
        var m = new Complex[d * d];
        for (var i = 0; i < m.Length; i++) m[i] = new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
        for (var r = 0; r < d; r++)
        {
            for (var p = 0; p < r; p++)
            {
                var dot = Complex.Zero;
                for (var c = 0; c < d; c++) dot += Complex.Conjugate(m[p * d + c]) * m[r * d + c];
                for (var c = 0; c < d; c++) m[r * d + c] -= dot * m[p * d + c];
            }
            var norm = 0.0;
            for (var c = 0; c < d; c++) norm += m[r * d + c].Magnitude * m[r * d + c].Magnitude;
            for (var c = 0; c < d; c++) m[r * d + c] /= Math.Sqrt(norm);
        }
        return m;
    }

    public static double MaxDifference(StateVector a, StateVector b)
    {
        var max = 0.0;
        for (long i = 0; i < a.Length; i++) max = Math.Max(max, (a.GetAmplitude(i) - b.GetAmplitude(i)).Magnitude);
        return max;
    }

    public static double MaxDifference(StateVector a, Complex[] b)
    {
        var max = 0.0;
        for (long i = 0; i < a.Length; i++) max = Math.Max(max, (a.GetAmplitude(i) - b[i]).Magnitude);
        return max;
    }

    public static GateStructure Classify(Complex[] matrix) => Qonduit.Simulation.Execution.MatrixStructure.Classify(matrix);
}
