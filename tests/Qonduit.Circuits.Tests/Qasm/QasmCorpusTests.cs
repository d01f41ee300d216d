using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;
using Qonduit.Tests.Shared;

namespace Qonduit.Circuits.Tests.Qasm;

public sealed class QasmCorpusTests
{
    /// <summary>QASMBench files that measure into registers they never declare (q and c): invalid OpenQASM.</summary>
    private static readonly Dictionary<string, int> Broken = new(StringComparer.Ordinal)
    {
        ["qasmbench/small/vqe_uccsd_n4.qasm"] = 225,
        ["qasmbench/small/vqe_uccsd_n6.qasm"] = 2286,
        ["qasmbench/small/vqe_uccsd_n8.qasm"] = 10813,
        ["qasmbench/small/hhl_n10.qasm"] = 186801,
    };

    public static TheoryData<string> BrokenFiles() => [.. Broken.Keys];

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var files = Directory.EnumerateFiles(RepoPaths.Data("qasmbench"), "*.qasm", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(RepoPaths.Data("bench-circuits"), "*.qasm*"));
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(RepoPaths.Data(), file).Replace('\\', '/');
            if (!Broken.ContainsKey(relative)) data.Add(relative);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_corpus_file_parses_and_round_trips_through_its_own_dialect(string file)
    {
        var path = RepoPaths.Data(file);
        var circuit = QasmParser.ParseFile(path);
        Assert.True(circuit.NumQubits > 0);
        Assert.NotEmpty(circuit.Instructions);

        var dialect = file.EndsWith(".qasm3", StringComparison.Ordinal) ? QasmDialect.OpenQasm3 : QasmDialect.OpenQasm2;
        var printed = QasmPrinter.Print(circuit, dialect);
        Assert.Equal(circuit, QasmParser.Parse(printed, "printed"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_corpus_file_round_trips_through_openqasm_3(string file)
    {
        var circuit = QasmParser.ParseFile(RepoPaths.Data(file));
        var printed = QasmPrinter.Print(circuit, QasmDialect.OpenQasm3);
        Assert.Equal(circuit, QasmParser.Parse(printed, "printed"));
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Corpus_files_that_measure_undeclared_registers_fail_at_that_line(string file)
    {
        var e = Assert.Throws<QasmException>(() => QasmParser.ParseFile(RepoPaths.Data(file)));
        Assert.Equal(ErrorCodes.Qasm.UnknownName, e.Code);
        Assert.Equal((Broken[file], 9), (e.Location.Line, e.Location.Column));
        Assert.Contains("undeclared qubit register 'q'", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_two_dialects_of_a_reference_circuit_differ_only_by_the_rz_global_phase()
    {
        var two = QasmParser.ParseFile(RepoPaths.Data("bench-circuits", "rc_n12_d10.qasm"));
        var three = QasmParser.ParseFile(RepoPaths.Data("bench-circuits", "rc_n12_d10.qasm3"));

        Assert.Equal(three.Instructions.OfType<Instruction.Gate>(), two.Instructions.OfType<Instruction.Gate>());
        Assert.Equal(0.0, three.GlobalPhase.Evaluate());
        var rzHalfAngles = two.Instructions.OfType<Instruction.Gate>().Where(g => g.Name == "rz").Sum(g => g.Parameters[0].Evaluate() / 2);
        Assert.Equal(rzHalfAngles, two.GlobalPhase.Evaluate(), 9);
    }
}
