using System.Collections.Immutable;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Simulation.Tests.Noise;

/// <summary>Small hand-made snapshots for noise tests: a line of qubits with cz couplers in both directions.</summary>
internal static class Calibrations
{
    public static DeviceSnapshot Line(
        int qubits,
        double sxError = 0.001,
        double czError = 0.01,
        double? t1Us = 50,
        double? t2Us = 40,
        double? readoutError = 0.02,
        double? prob1Given0 = null,
        double? prob0Given1 = null,
        double sxLengthNs = 50,
        double czLengthNs = 84) => new()
        {
            Device = "test_line",
            NativeGates = ["cz", "rz", "sx", "x", "id"],
            Qubits = [.. Enumerable.Range(0, qubits).Select(q => new QubitCalibration
            {
                Index = q,
                T1Us = t1Us,
                T2Us = t2Us,
                ReadoutError = readoutError,
                ProbMeas1Prep0 = prob1Given0,
                ProbMeas0Prep1 = prob0Given1,
                ReadoutLengthNs = 1500,
                GateErrors = ImmutableSortedDictionary.CreateRange(new Dictionary<string, double> { ["sx"] = sxError, ["x"] = sxError, ["id"] = sxError, ["rz"] = 0 }),
                GateLengthsNs = ImmutableSortedDictionary.CreateRange(new Dictionary<string, double> { ["sx"] = sxLengthNs, ["x"] = sxLengthNs, ["id"] = sxLengthNs, ["rz"] = 0 }),
            })],
            Couplers = [.. Enumerable.Range(0, qubits - 1).SelectMany(q => new[]
            {
                new Coupler { Control = q, Target = q + 1, Gate = "cz", Error = czError, GateLengthNs = czLengthNs },
                new Coupler { Control = q + 1, Target = q, Gate = "cz", Error = czError, GateLengthNs = czLengthNs },
            })],
        };

    public static Instruction.Gate Gate(string name, params int[] qubits) => new(name, qubits, EquatableArray<ParameterExpression>.Empty);
}
