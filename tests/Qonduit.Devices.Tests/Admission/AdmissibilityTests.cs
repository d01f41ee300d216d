using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using Qonduit.Devices.Admission;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Tests.Import;

namespace Qonduit.Devices.Tests.Admission;

public sealed class AdmissibilityTests
{
    private static readonly DeviceSnapshot Line5 = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 5));

    private static CircuitBuilder Builder(int qubits, int clbits = 0)
    {
        var builder = new CircuitBuilder();
        builder.AddQuantumRegister("q", qubits);
        if (clbits > 0) builder.AddClassicalRegister("c", clbits);
        return builder;
    }

    private static Instruction At(Instruction instruction, int line) => instruction with { Source = new SourceLocation("c.qasm", line, 1) };

    private static Instruction.Gate Gate(string name, params int[] qubits) => new(name, qubits, EquatableArray<ParameterExpression>.Empty);

    private static AdmissibilityViolation Single(Circuit circuit, DeviceSnapshot device)
    {
        var report = Admissibility.Check(circuit, device);
        Assert.False(report.IsAdmissible);
        return Assert.Single(report.Violations);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void A_native_circuit_passes_on_every_generated_family(TopologyFamily family)
    {
        var device = DeviceGenerator.Generate(new GeneratorSpec(family, 16, Seed: 5));
        var builder = Builder(16, 16);
        for (var q = 0; q < 16; q++) builder.Gate("sx", q).Gate("rz", [0.3], q).Gate("x", q).Gate("id", q);
        foreach (var c in device.Couplers) builder.Gate("cz", c.Control, c.Target);
        builder.Add(new Instruction.Barrier(Enumerable.Range(0, 16).ToArray()));
        builder.Add(new Instruction.Delay(new[] { 0 }, 100.0, "ns"));
        builder.Add(new Instruction.Reset(1));
        for (var q = 0; q < 16; q++) builder.Measure(q, q);

        var report = Admissibility.Check(builder.Build(), device);

        Assert.True(report.IsAdmissible, string.Join("\n", report.Violations));
    }

    public static TheoryData<TopologyFamily> Families => new(Enum.GetValues<TopologyFamily>());

    [Fact]
    public void A_non_native_gate_is_reported_with_its_index_and_line()
    {
        var circuit = Builder(2).Gate("sx", 0).Add(At(Gate("h", 1), 7)).Build();

        var v = Single(circuit, Line5);

        Assert.Equal(ViolationKind.NonNativeGate, v.Kind);
        Assert.Equal(1, v.InstructionIndex);
        Assert.Equal(7, v.Location!.Line);
        Assert.Contains("'h' on qubit 1 is not native to line-5", v.Message);
        Assert.StartsWith("c.qasm:7:1: ", v.ToString());
        Assert.Equal("admission.non-native-gate", v.Code);
    }

    [Fact]
    public void A_controlled_native_gate_is_not_native()
    {
        var circuit = Builder(3).Add(new Instruction.Gate("x", new[] { 0, 1 }, EquatableArray<ParameterExpression>.Empty, ControlCount: 1)).Build();

        var v = Single(circuit, Line5);

        Assert.Equal(ViolationKind.NonNativeGate, v.Kind);
        Assert.Contains("'ctrl(1) @ x' on qubits 0,1", v.Message);
    }

    [Fact]
    public void An_opaque_gate_is_reported_as_opaque()
    {
        var builder = Builder(2);
        builder.AddOpaqueGate("magic");

        var v = Single(builder.Add(Gate("magic", 0, 1)).Build(), Line5);

        Assert.Equal(ViolationKind.OpaqueGate, v.Kind);
    }

    [Fact]
    public void More_qubits_than_the_device_has_are_reported_once_and_each_use_of_a_missing_qubit_too()
    {
        var circuit = Builder(7).Gate("sx", 6).Gate("x", 2).Build();

        var report = Admissibility.Check(circuit, Line5);

        Assert.Equal([ViolationKind.TooManyQubits, ViolationKind.QubitOutOfRange], report.Violations.Select(v => v.Kind));
        Assert.Null(report.Violations[0].InstructionIndex);
        Assert.Equal(0, report.Violations[1].InstructionIndex);
        Assert.Contains("qubit 6", report.Violations[1].Message);
    }

    [Fact]
    public void A_device_has_as_many_classical_bits_as_qubits()
    {
        Assert.True(Admissibility.Check(Builder(5, 5).Build(), Line5).IsAdmissible);

        var v = Single(Builder(5, 6).Build(), Line5);

        Assert.Equal(ViolationKind.TooManyClbits, v.Kind);
        Assert.Contains("6 classical bits", v.Message);
    }

    [Fact]
    public void Using_an_offline_qubit_is_reported_but_a_barrier_across_it_is_not()
    {
        var device = Line5 with { Qubits = Line5.Qubits.SetItem(3, Line5.Qubits[3] with { Status = QubitStatus.Offline }) };
        var circuit = Builder(5, 5).Add(new Instruction.Barrier(new[] { 0, 1, 2, 3, 4 })).Add(At(new Instruction.Measure(3, 3), 12)).Build();

        var v = Single(circuit, device);

        Assert.Equal(ViolationKind.OfflineQubit, v.Kind);
        Assert.Equal(1, v.InstructionIndex);
        Assert.Contains("qubit 3", v.Message);
    }

    [Fact]
    public void A_two_qubit_gate_between_uncoupled_qubits_is_a_missing_coupler()
    {
        var v = Single(Builder(5).Gate("cz", 0, 4).Build(), Line5);

        Assert.Equal(ViolationKind.MissingCoupler, v.Kind);
        Assert.Contains("not coupled", v.Message);
    }

    [Fact]
    public void A_gate_against_a_one_way_coupler_says_which_direction_exists()
    {
        var brisbane = IbmBackendImporterTests.ImportShared("brisbane");
        var coupler = brisbane.Couplers.First(c => c.Status == CouplerStatus.Available);

        var ok = Admissibility.Check(Builder(127).Gate("ecr", coupler.Control, coupler.Target).Build(), brisbane);
        var v = Single(Builder(127).Gate("ecr", coupler.Target, coupler.Control).Build(), brisbane);

        Assert.True(ok.IsAdmissible);
        Assert.Equal(ViolationKind.MissingCoupler, v.Kind);
        Assert.Contains($"only {coupler.Control}->{coupler.Target} exists", v.Message);
    }

    [Fact]
    public void A_gate_on_an_unavailable_coupler_is_reported()
    {
        var brisbane = IbmBackendImporterTests.ImportShared("brisbane");

        var v = Single(Builder(127).Gate("ecr", 25, 24).Build(), brisbane);

        Assert.Equal(ViolationKind.UnavailableCoupler, v.Kind);
    }

    [Fact]
    public void A_native_two_qubit_gate_on_a_coupler_that_runs_another_is_a_mismatch()
    {
        var device = Line5 with
        {
            NativeGates = [.. Line5.NativeGates, "ecr"],
            Couplers = [.. Line5.Couplers.Select(c => c.Control == 0 ? c with { Gate = "ecr" } : c)],
        };

        var v = Single(Builder(2).Gate("cz", 0, 1).Build(), device);

        Assert.Equal(ViolationKind.CouplerGateMismatch, v.Kind);
        Assert.Contains("runs ecr", v.Message);
    }

    [Fact]
    public void Every_violation_is_returned_in_one_report()
    {
        var device = Line5 with { Qubits = Line5.Qubits.SetItem(2, Line5.Qubits[2] with { Status = QubitStatus.Offline }) };
        var circuit = Builder(6, 7)
            .Add(At(Gate("h", 0), 3))
            .Add(At(Gate("cz", 0, 2), 4))
            .Add(At(Gate("sx", 2), 5))
            .Add(At(Gate("x", 5), 6))
            .Add(At(Gate("cz", 1, 0), 7))
            .Build();

        var report = Admissibility.Check(circuit, device);

        Assert.Equal(
            [ViolationKind.TooManyQubits, ViolationKind.TooManyClbits, ViolationKind.NonNativeGate, ViolationKind.OfflineQubit,
             ViolationKind.MissingCoupler, ViolationKind.OfflineQubit, ViolationKind.QubitOutOfRange],
            report.Violations.Select(v => v.Kind));
        Assert.Equal([null, null, 0, 1, 1, 2, 3], report.Violations.Select(v => v.InstructionIndex));
        Assert.Equal([3, 4, 4, 5, 6], report.Violations.Skip(2).Select(v => v.Location!.Line));
    }

    [Fact]
    public void The_work_done_grows_linearly_with_the_circuit()
    {
        var device = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.HeavyHex, 127));
        long WorkFor(int repetitions)
        {
            var builder = Builder(127, 127);
            for (var r = 0; r < repetitions; r++)
            {
                foreach (var c in device.Couplers.Take(20)) builder.Gate("cz", c.Control, c.Target);
                builder.Gate("sx", r % 127).Gate("h", r % 127).Measure(r % 127, r % 127);
            }
            var report = Admissibility.Check(builder.Build(), device);
            Assert.Equal(repetitions, report.Violations.Count);
            return report.Work;
        }

        var small = WorkFor(500);
        var large = WorkFor(5_000);

        Assert.Equal(10 * small, large);
        Assert.True(small <= 4L * 23 * 500, $"{small} checks for 11 500 instructions");
    }

    [Fact]
    public void An_admissible_circuit_on_a_bundled_device_passes()
    {
        var fez = IbmBackendImporterTests.ImportShared("fez");
        var coupler = fez.Couplers.First(c => c.Status == CouplerStatus.Available);
        var circuit = Builder(156, 2).Gate("sx", coupler.Control).Gate("cz", coupler.Control, coupler.Target)
            .Measure(coupler.Control, 0).Measure(coupler.Target, 1).Build();

        Assert.True(Admissibility.Check(circuit, fez).IsAdmissible);
    }

    [Fact]
    public void Rejecting_carries_the_report_and_a_stable_code()
    {
        var report = Admissibility.Check(Builder(2).Gate("h", 0).Build(), Line5);

        var e = new AdmissionException(report);

        Assert.Equal("admission.rejected", e.Code);
        Assert.Same(report, e.Report);
        Assert.Contains("line-5", e.Message);
    }

    [Fact]
    public void Without_a_device_any_width_and_connectivity_passes_and_only_a_gate_without_a_definition_is_refused()
    {
        var circuit = Circuits.Qasm.QasmParser.Parse(
            "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nopaque magic q;\nqreg q[40];\nh q[0];\ncx q[0],q[39];\nmagic q[1];\n", "c.qasm");

        var report = Admissibility.CheckDefined(circuit, "ideal");

        var violation = Assert.Single(report.Violations);
        Assert.Equal(("ideal", ViolationKind.OpaqueGate, 2), (report.Device, violation.Kind, violation.InstructionIndex));
        Assert.Contains("no definition to simulate", violation.Message, StringComparison.Ordinal);
    }
}
