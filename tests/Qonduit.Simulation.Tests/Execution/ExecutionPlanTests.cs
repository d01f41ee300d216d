using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Simulation.Execution;

namespace Qonduit.Simulation.Tests.Execution;

public sealed class ExecutionPlanTests
{
    [Fact]
    public void Gates_become_matrices_with_their_structure_and_barriers_and_delays_disappear()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 2);
        b.AddClassicalRegister("c", 2);
        b.Gate("rz", [0.3], 0).Gate("cx", 0, 1).Gate("h", 1);
        b.Add(new Instruction.Barrier(new[] { 0, 1 })).Add(new Instruction.Delay(new[] { 0 }, 10.0, "ns"));
        b.Measure(0, 0);
        var plan = ExecutionPlan.FromCircuit(b.Build());
        var unitaries = plan.Ops.OfType<ExecutionOp.Unitary>().ToArray();
        Assert.Equal([GateStructure.Diagonal, GateStructure.Permutation, GateStructure.General], unitaries.Select(u => u.Structure));
        Assert.Equal(4, plan.Ops.Length);
        Assert.True(plan.HasTerminalMeasurementsOnly);
    }

    [Fact]
    public void Parameters_are_bound_from_the_bindings_and_an_unbound_one_is_a_typed_error()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 1);
        b.AddInputParameter("theta");
        b.Gate("rx", [new ParameterExpression.Symbol("theta")], 0);
        var circuit = b.Build();
        var plan = ExecutionPlan.FromCircuit(circuit, new Dictionary<string, double> { ["theta"] = Math.PI });
        var x = ((ExecutionOp.Unitary)plan.Ops[0]).Matrix;
        Assert.Equal(0, x[0].Magnitude, 1e-15);
        Assert.Throws<UnboundParameterException>(() => ExecutionPlan.FromCircuit(circuit));
    }

    [Fact]
    public void An_opaque_gate_cannot_be_lowered()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 1);
        b.AddOpaqueGate("mystery");
        b.Gate("mystery", 0);
        var error = Assert.Throws<OpaqueGateException>(() => ExecutionPlan.FromCircuit(b.Build()));
        Assert.Equal("simulation.opaque-gate", error.Code);
    }

    [Fact]
    public void A_circuit_without_measurements_is_measured_in_full_into_a_meas_register()
    {
        var plan = ExecutionPlan.FromCircuit(TestCircuits.Ghz(3, measure: false));
        Assert.Equal(3, plan.NumClbits);
        Assert.Equal("meas", Assert.Single(plan.ClassicalRegisters).Name);
        Assert.Equal(3, plan.Ops.OfType<ExecutionOp.Measure>().Count());
    }

    [Fact]
    public void A_gate_after_a_measurement_of_its_qubit_makes_the_plan_per_shot_but_one_on_another_qubit_does_not()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 2);
        b.AddClassicalRegister("c", 2);
        b.Gate("h", 0).Measure(0, 0).Gate("h", 1).Measure(1, 1);
        Assert.True(ExecutionPlan.FromCircuit(b.Build()).HasTerminalMeasurementsOnly);
        b.Gate("x", 0);
        Assert.False(ExecutionPlan.FromCircuit(b.Build()).HasTerminalMeasurementsOnly);
    }
}
