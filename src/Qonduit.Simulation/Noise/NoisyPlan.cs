using System.Collections.Immutable;
using Qonduit.Circuits.Ir;
using Qonduit.Simulation.Execution;

namespace Qonduit.Simulation.Noise;

/// <summary>One step of a <see cref="NoisyPlan"/>: an operation of the plan, or a channel the noise model placed after one.</summary>
public abstract record NoisyStep
{
    private NoisyStep() { }

    public sealed record Op(ExecutionOp Operation) : NoisyStep;

    /// <summary>A channel; a condition on the operation it follows applies to it too (no gate, no gate noise).</summary>
    public sealed record Channel(NoiseChannel Noise, ClassicalCondition? Condition) : NoisyStep;
}

/// <summary>
/// A lowered circuit with the noise model's channels in place and readout errors attached to its measurements:
/// the one description that both the trajectory sampler and the density-matrix engine execute.
/// </summary>
public sealed record NoisyPlan(ExecutionPlan Plan, ImmutableArray<NoisyStep> Steps)
{
    public int NumQubits => Plan.NumQubits;

    public bool HasChannels => Steps.Any(s => s is NoisyStep.Channel);

    /// <summary>True when anything random beyond the circuit itself happens: a channel or a readout error.</summary>
    public bool IsNoisy => HasChannels || Steps.Any(s => s is NoisyStep.Op
    {
        Operation: ExecutionOp.Measure { Readout: not null } or ExecutionOp.Conditional { Body: ExecutionOp.Measure { Readout: not null } },
    });

    /// <summary>
    /// Lowers <paramref name="circuit"/> and weaves in <paramref name="model"/>'s noise (none when null). The plan
    /// holds one operation per instruction other than barrier and delay, in order, followed by the measure-all
    /// operations it adds to a circuit that measures nothing; that is what lets instructions and operations be walked together.
    /// Without <paramref name="implicitMeasurements"/> those added measurements (and their register) are left out of the
    /// plan and its steps (an expectation value wants the state before any readout).
    /// </summary>
    public static NoisyPlan Build(
        Circuit circuit, NoiseModel? model, IReadOnlyDictionary<string, double>? bindings = null, bool implicitMeasurements = true)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var plan = ExecutionPlan.FromCircuit(circuit, bindings);
        // Left out of the plan too: on a transpiled circuit the added register would span the whole device.
        if (!implicitMeasurements && plan.NumClbits > circuit.NumClbits)
            plan = plan with { NumClbits = circuit.NumClbits, Ops = plan.Ops[..^circuit.NumQubits], ClassicalRegisters = circuit.ClassicalRegisters.AsImmutableArray() };
        var steps = ImmutableArray.CreateBuilder<NoisyStep>(plan.Ops.Length);
        var lastUse = LastUse(circuit);
        var next = 0;
        for (var i = 0; i < circuit.Instructions.Count; i++)
        {
            var instruction = circuit.Instructions[i];
            if (instruction is not (Instruction.Barrier or Instruction.Delay))
            {
                var decay = instruction is Instruction.Measure m && lastUse.GetValueOrDefault(m.Qubit) > i ? model?.ReadoutRelaxation(m.Qubit) : null;
                if (decay is not null) steps.Add(new NoisyStep.Channel(decay, instruction.Condition));
                steps.Add(new NoisyStep.Op(WithReadout(plan.Ops[next++], model, decay)));
            }
            if (model is null) continue;
            foreach (var channel in model.After(instruction, bindings))
                steps.Add(new NoisyStep.Channel(channel, instruction.Condition));
        }
        while (implicitMeasurements && next < plan.Ops.Length) steps.Add(new NoisyStep.Op(WithReadout(plan.Ops[next++], model, null)));
        return new NoisyPlan(plan, steps.ToImmutable());
    }

    /// <summary>Index of the last instruction other than a barrier that touches each qubit.</summary>
    private static Dictionary<int, int> LastUse(Circuit circuit)
    {
        var last = new Dictionary<int, int>();
        for (var i = 0; i < circuit.Instructions.Count; i++)
            if (circuit.Instructions[i] is not Instruction.Barrier)
                foreach (var q in circuit.Instructions[i].Qubits) last[q] = i;
        return last;
    }

    private static ExecutionOp WithReadout(ExecutionOp op, NoiseModel? model, NoiseChannel.Relaxation? decay) =>
        op is ExecutionOp.Measure or ExecutionOp.Conditional { Body: ExecutionOp.Measure } && model is not null
            ? WithReadout(op, model.Readout(Measured(op), decay))
            : op;

    private static int Measured(ExecutionOp op) => op switch
    {
        ExecutionOp.Measure m => m.Qubit,
        ExecutionOp.Conditional { Body: ExecutionOp.Measure m } => m.Qubit,
        _ => throw new InvalidOperationException("not a measurement"),
    };

    private static ExecutionOp WithReadout(ExecutionOp op, ReadoutConfusion? readout) => op switch
    {
        ExecutionOp.Measure m when readout is not null => m with { Readout = readout },
        ExecutionOp.Conditional { Body: ExecutionOp.Measure } c => c with { Body = WithReadout(c.Body, readout) },
        _ => op,
    };
}
