using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Pipeline;
using Qonduit.Transpiler.Synthesis;

namespace Qonduit.Transpiler.Passes;

/// <summary>
/// Collects maximal blocks of unconditioned gates on one pair of qubits (a routing swap next to the gate it serves, a
/// cz·cz, a decomposed rzz) and rewrites a block whose unitary needs fewer native two-qubit gates than it holds with
/// that many (<see cref="TwoQubitSynthesis"/>: 0 to 3, exact to 1e-12 up to global phase), cx built from each
/// coupler's gate in its available direction. A block is written where it ends: only gates on other qubits lie between.
/// </summary>
internal sealed class ConsolidatePass : ITranspilerPass
{
    public string Name => "consolidate";

    public string Description => "resynthesise each block of gates on one pair of qubits with the fewest native two-qubit gates its unitary needs (Weyl/KAK, at most 3)";

    private sealed class Block(int a, int b)
    {
        public int A { get; } = a;

        public int B { get; } = b;

        public List<Instruction.Gate> Gates { get; } = [];

        public int TwoQubitGates { get; set; }
    }

    public void Run(TranspileContext context)
    {
        context.EnsurePhysical();
        var target = new NativeTarget(context.Device, context.Topology);
        var input = context.Instructions;
        var sink = new GateSink(new List<Instruction>(input.Count));
        var width = 0;
        foreach (var instruction in input)
            foreach (var q in instruction.Qubits) width = Math.Max(width, q + 1);
        var open = new Block?[width];

        void Close(int qubit)
        {
            if (open[qubit] is not { } block) return;
            open[block.A] = open[block.B] = null;
            Flush(block, target, sink);
        }

        foreach (var instruction in input)
        {
            if (instruction is Instruction.Gate gate && IsBlockable(gate))
            {
                if (gate.Targets.Count == 1)
                {
                    if (open[gate.Targets[0]] is { } current) current.Gates.Add(gate);
                    else sink.Instructions.Add(gate);
                    continue;
                }
                var (p, q) = (gate.Targets[0], gate.Targets[1]);
                if (open[p] is not { } block || !ReferenceEquals(block, open[q]))
                {
                    Close(p);
                    Close(q);
                    block = open[p] = open[q] = new Block(p, q);
                }
                block.Gates.Add(gate);
                block.TwoQubitGates++;
                continue;
            }
            foreach (var q in instruction.Qubits) Close(q);
            sink.Instructions.Add(instruction);
        }
        for (var q = 0; q < width; q++) Close(q);
        context.Instructions = sink.Instructions;
        context.GlobalPhase += sink.GlobalPhase;
    }

    private static bool IsBlockable(Instruction.Gate gate)
    {
        if (gate is not { ControlCount: 0, Condition: null } || gate.Targets.Count > 2) return false;
        foreach (var p in gate.Parameters) if (!p.IsConstant) return false;
        return GateLibrary.TryGet(gate.Name, out _);
    }

    private static void Flush(Block block, NativeTarget target, GateSink sink)
    {
        // The synthesis speaks cx: a coupler whose gate is not one cx up to 1q gates (an iswap, say) keeps its block.
        var cxBuildable = LocalEquivalence.CxFrom(target.TwoQubitGate(block.A, block.B)) is not null;
        var circuit = block.TwoQubitGates >= 2 && cxBuildable ? TwoQubitSynthesis.Synthesize(Unitary(block), block.TwoQubitGates - 1) : null;
        if (circuit is null)
        {
            sink.Instructions.AddRange(block.Gates);
            return;
        }
        Emit(circuit, [block.A, block.B], target, sink);
    }

    /// <summary>
    /// The block's 4×4 unitary with <see cref="Block.A"/> as argument 0: runs of 1q gates are multiplied by value and
    /// applied at the next two-qubit gate, which is applied in place (blocks are many and short).
    /// </summary>
    private static Complex[] Unitary(Block block)
    {
        var u = MatrixMath.Identity(4);
        var (onA, onB) = (Matrix2.Identity, Matrix2.Identity);
        Span<Complex> scratch = stackalloc Complex[16];
        foreach (var gate in block.Gates)
        {
            if (gate.Targets.Count == 1)
            {
                if (gate.Targets[0] == block.A) onA = Matrix2.Of(gate).Times(onA);
                else onB = Matrix2.Of(gate).Times(onB);
                continue;
            }
            ApplyLocal(u, onA, 0);
            ApplyLocal(u, onB, 1);
            (onA, onB) = (Matrix2.Identity, Matrix2.Identity);
            var g = TwoQubitMatrix(gate, gate.Targets[0] != block.A);
            for (var r = 0; r < 4; r++)
                for (var c = 0; c < 4; c++)
                {
                    var sum = Complex.Zero;
                    for (var k = 0; k < 4; k++) sum += g[r * 4 + k] * u[k * 4 + c];
                    scratch[r * 4 + c] = sum;
                }
            scratch.CopyTo(u);
        }
        ApplyLocal(u, onA, 0);
        ApplyLocal(u, onB, 1);
        return u;
    }

    /// <summary>u := (m on argument <paramref name="bit"/>)·u.</summary>
    private static void ApplyLocal(Complex[] u, in Matrix2 m, int bit)
    {
        if (m == Matrix2.Identity) return;
        var stride = 1 << bit;
        for (var r = 0; r < 4; r++)
        {
            if ((r & stride) != 0) continue;
            var r1 = r | stride;
            for (var c = 0; c < 4; c++)
            {
                var (x0, x1) = (u[r * 4 + c], u[r1 * 4 + c]);
                u[r * 4 + c] = m.A * x0 + m.B * x1;
                u[r1 * 4 + c] = m.C * x0 + m.D * x1;
            }
        }
    }

    private static Complex[] TwoQubitMatrix(Instruction.Gate gate, bool swapped)
    {
        if (gate.Parameters.Count > 0)
        {
            var m = GateLibrary.Matrix(gate);
            return swapped ? LocalEquivalence.SwapArguments(m) : m;
        }
        return FixedMatrices.GetOrAdd((gate.Name, swapped), key =>
        {
            var m = GateLibrary.Get(key.Item1).Matrix([]);
            return key.Item2 ? LocalEquivalence.SwapArguments(m) : m;
        });
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool), Complex[]> FixedMatrices = new();

    /// <summary>Writes the circuit on the physical pair: each cx through the coupler's gate, 1q runs merged between them.</summary>
    private static void Emit(TwoQubitCircuit circuit, int[] qubits, NativeTarget target, GateSink sink)
    {
        Span<Matrix2> pending = [Matrix2.Identity, Matrix2.Identity];
        void FlushOne(int k, Span<Matrix2> pending)
        {
            OneQubitSynthesis.Emit(pending[k], qubits[k], sink);
            pending[k] = Matrix2.Identity;
        }
        foreach (var step in circuit.Steps)
        {
            if (!step.IsCx)
            {
                pending[step.Qubit] = step.Unitary.Times(pending[step.Qubit]);
                continue;
            }
            FlushOne(0, pending);
            FlushOne(1, pending);
            target.Cx(qubits[step.Qubit], qubits[1 - step.Qubit], sink);
        }
        FlushOne(0, pending);
        FlushOne(1, pending);
        sink.GlobalPhase += circuit.Phase;
    }
}
