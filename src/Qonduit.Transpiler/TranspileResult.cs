using System.Collections.Immutable;
using Qonduit.Circuits.Ir;

namespace Qonduit.Transpiler;

/// <summary>
/// The native circuit (on all of the device's qubits, classical registers as in the source, so measurement keys keep the
/// logical circuit's bit order), where each logical qubit started (<see cref="InitialLayout"/>[logical] = physical) and
/// ended (<see cref="FinalPermutation"/>[logical] = physical), and the size before and after.
/// </summary>
public sealed record TranspileResult(
    Circuit Circuit,
    ImmutableArray<int> InitialLayout,
    ImmutableArray<int> FinalPermutation,
    CircuitSize Before,
    CircuitSize After,
    int SwapsAdded,
    TimeSpan Elapsed,
    ImmutableArray<string> Passes);
