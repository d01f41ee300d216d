using Qonduit.Circuits.Qasm;
using Qonduit.Tests.Shared;
using Qonduit.Transpiler.Routing;
using Xunit.Abstractions;

namespace Qonduit.Transpiler.Tests;

public sealed class Scratch(ITestOutputHelper output)
{
    [Fact]
    public void Diagnose()
    {
        var files = Directory.GetFiles(RepoPaths.QasmBench("small")).Concat(Directory.GetFiles(RepoPaths.QasmBench("medium"))).Where(f => f.EndsWith(".qasm")).Order();
        var circuits = new List<(string, Circuits.Ir.Circuit)>();
        foreach (var f in files) { try { circuits.Add((Path.GetFileName(f), QasmParser.ParseFile(f))); } catch (QasmException) { } }
        foreach (var d in new[] { TestDevices.Fez, TestDevices.Brisbane })
        {
            foreach (var layout in Enum.GetValues<LayoutStrategy>())
            {
                int s = 0, g = 0; double maxMs = 0; string slow = "";
                foreach (var (name, c) in circuits)
                {
                    if (c.Instructions.Count > 20000) continue;
                    Transpiler.Run(c, d, new TranspileOptions(layout, Seed: 1));
                    var sw = System.Diagnostics.Stopwatch.StartNew();
                    var r1 = Transpiler.Run(c, d, new TranspileOptions(layout, Seed: 1));
                    var ms = sw.Elapsed.TotalMilliseconds;
                    if (c.Instructions.Count < 1000 && ms > maxMs) { maxMs = ms; slow = name; }
                    var r2 = Transpiler.Run(c, d, new TranspileOptions(layout, RoutingStrategy.Greedy, Seed: 1));
                    s += r1.SwapsAdded; g += r2.SwapsAdded;
                }
                output.WriteLine($"{d.Device} {layout}: sabre {s} greedy {g} -> {1 - (double)s / g:P1}; max ms {maxMs:F1} ({slow})");
            }
        }
    }
}
