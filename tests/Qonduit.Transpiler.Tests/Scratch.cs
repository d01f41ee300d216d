using Qonduit.Circuits.Qasm;
using Qonduit.Tests.Shared;
using Xunit.Abstractions;

namespace Qonduit.Transpiler.Tests;

public sealed class Scratch(ITestOutputHelper output)
{
    [Fact]
    public void Diagnose()
    {
        var path = RepoPaths.Data("qasmbench", "small", "hhl_n10.qasm");
        var lines = File.ReadAllLines(path).Where(l => !l.TrimStart().StartsWith("measure q[", StringComparison.Ordinal));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var c = QasmParser.Parse(string.Join("\n", lines), path);
        output.WriteLine($"parse {sw.ElapsedMilliseconds} ms, {c.Instructions.Count}");
        foreach (var d in TestDevices.Names)
        {
            sw.Restart();
            var r = Transpiler.Run(c, TestDevices.ByName(d), new TranspileOptions(Seed: 5));
            var touched = r.Circuit.Instructions.SelectMany(i => i.Qubits).Distinct().Count();
            output.WriteLine($"{d}: {sw.ElapsedMilliseconds} ms, {r.After}, swaps {r.SwapsAdded}, touched {touched}");
        }
    }
}
