using Qonduit.Circuits.Ir;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Sampling;
namespace Qonduit.Simulation.Tests.Noise;
public sealed class ScratchTests
{
    [Fact]
    public void Scratch()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 2);
        b.AddClassicalRegister("c", 2);
        for (var i = 0; i < 40; i++) b.Gate("cz", 0, 1);
        b.Gate("x", 0);
        var plan = ExecutionPlan.FromCircuit(b.Measure(0, 0).Measure(1, 1).Build());
        var rng = new Xoshiro256(1);
        ShotExecutor.Run(plan, 1, rng);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++) ShotExecutor.Run(plan, 1, rng);
        var perRun = sw.Elapsed.TotalMilliseconds / 1000;
        var sw2 = System.Diagnostics.Stopwatch.StartNew();
        ShotExecutor.Run(plan with { Ops = plan.Ops.Insert(0, new ExecutionOp.Reset(0)) }, 1000, rng);
        var sw3 = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++) Qonduit.Simulation.State.StateVectorLimits.EnsureFits(2, Qonduit.Simulation.State.Precision.Double);
        var fits = sw3.Elapsed.TotalMilliseconds / 1000;
        sw3.Restart();
        for (var i = 0; i < 1000; i++) ShotExecutor.Run(plan, 1, rng, new ExecutionOptions { FusionQubits = 0 });
        var nofusion = sw3.Elapsed.TotalMilliseconds / 1000;
        Assert.Fail($"fits {fits:F3} ms nofusion {nofusion:F3} ms per ShotExecutor.Run {perRun:F3} ms; per trajectory shot {sw2.Elapsed.TotalMilliseconds / 1000:F3} ms");
    }
}
