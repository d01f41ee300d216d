using System.Collections.Immutable;
using Qonduit.Circuits.Ir;

namespace Qonduit.Transpiler;

/// <summary>
/// The native circuit (on all of the device's qubits, classical registers as in the source, so measurement keys keep the
/// logical circuit's bit order), where each logical qubit started (<see cref="InitialLayout"/>[logical] = physical) and
/// ended (<see cref="FinalPermutation"/>[logical] = physical), and the size before and after. The circuit ends with the
/// source's final measurements (nothing after them on their qubits or bits), each reading the physical qubit where its
/// logical qubit ended; mid-circuit measurements stay in place. An observable on the logical qubits is therefore read
/// on the transpiled circuit's final state at <see cref="FinalPermutation"/>.
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
