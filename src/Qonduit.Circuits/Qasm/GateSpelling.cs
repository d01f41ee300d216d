using System.Collections.Frozen;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

/// <summary>
/// How each library gate is written in a dialect: by its include-file name, with modifiers (OpenQASM 3:
/// `inv @ sx` for sxdg, `ctrl(3) @ x` for c3x), or through a gate definition emitted once at the top. The definitions
/// are exact, phase included, so <see cref="LibraryMatch"/> reads them back as the library gates.
/// </summary>
internal sealed class GateSpelling(QasmDialect dialect)
{
    private static readonly Dictionary<string, string> Qasm3Modified = new(StringComparer.Ordinal)
    {
        ["u"] = "U",
        ["sxdg"] = "inv @ sx",
        ["csx"] = "ctrl @ sx",
        ["c3x"] = "ctrl(3) @ x",
        ["c4x"] = "ctrl(4) @ x",
        ["c3sqrtx"] = "ctrl(3) @ sx",
        ["cu1"] = "ctrl @ u1",
        ["cu3"] = "ctrl @ U",
    };

    // In dependency order: a definition may use those above it.
    private static readonly (string Name, string Text)[] Qasm3Definitions =
    [
        ("u0", "gate u0(g) a { U(0, 0, 0) a; }"),
        ("rzx", "gate rzx(t) a, b { h b; cx a, b; rz(t) b; cx a, b; h b; }"),
        ("rxx", "gate rxx(t) a, b { h a; h b; cx a, b; rz(t) b; cx a, b; h a; h b; }"),
        ("ryy", "gate ryy(t) a, b { rx(pi/2) a; rx(pi/2) b; cx a, b; rz(t) b; cx a, b; rx(-pi/2) a; rx(-pi/2) b; }"),
        ("rzz", "gate rzz(t) a, b { cx a, b; rz(t) b; cx a, b; }"),
        ("ecr", "gate ecr a, b { rzx(pi/4) a, b; x a; rzx(-pi/4) a, b; }"),
        ("iswap", "gate iswap a, b { s a; s b; h a; cx a, b; cx b, a; h b; }"),
        ("rccx", "gate rccx a, b, c { h c; t c; cx b, c; tdg c; cx a, c; t c; cx b, c; tdg c; h c; }"),
        ("rc3x", "gate rc3x a, b, c, d { h d; t d; cx c, d; tdg d; h d; cx a, d; t d; cx b, d; tdg d; cx a, d; t d; cx b, d; tdg d; h d; t d; cx c, d; tdg d; h d; }"),
    ];

    // qelib1.inc's rz carries a phase, so an exact library rz is written h·rx·h.
    private static readonly (string Name, string Text)[] Qasm2Definitions =
    [
        ("rzx", "gate rzx(t) a,b { h b; cx a,b; h b; rx(t) b; h b; cx a,b; h b; }"),
        ("ryy", "gate ryy(t) a,b { rx(pi/2) a; rx(pi/2) b; cx a,b; h b; rx(t) b; h b; cx a,b; rx(-pi/2) a; rx(-pi/2) b; }"),
        ("ecr", "gate ecr a,b { rzx(pi/4) a,b; x a; rzx(-pi/4) a,b; }"),
        ("iswap", "gate iswap a,b { s a; s b; h a; cx a,b; cx b,a; h b; }"),
    ];

    private static readonly Dictionary<string, string[]> Dependencies = new(StringComparer.Ordinal) { ["ecr"] = ["rzx"] };

    private readonly FrozenSet<string> _standard = BuiltinIncludes.Names(dialect);

    private (string Name, string Text)[] Definitions => dialect == QasmDialect.OpenQasm2 ? Qasm2Definitions : Qasm3Definitions;

    public IEnumerable<string> DefinitionsFor(Circuit circuit)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var gate in circuit.Instructions.OfType<Instruction.Gate>())
            if (used.Add(gate.Name) && Dependencies.TryGetValue(gate.Name, out var needs)) used.UnionWith(needs);
        return Definitions.Where(d => used.Contains(d.Name)).Select(d => d.Text);
    }

    public string Spell(Instruction.Gate gate)
    {
        if (gate.ControlCount == 0) return Base(gate.Name);
        if (dialect == QasmDialect.OpenQasm2)
            throw new QasmPrintException($"OpenQASM 2 cannot express '{gate.Name}' with {gate.ControlCount} control(s); print as OpenQASM 3");
        var prefix = gate.ControlCount == 1 ? "ctrl @ " : $"ctrl({gate.ControlCount}) @ ";
        // stdgates' u3 carries a phase that ctrl would turn into a gate; U is the same matrix without it.
        return prefix + (gate.Name == "u3" ? "U" : Base(gate.Name));
    }

    private string Base(string name)
    {
        if (dialect == QasmDialect.OpenQasm3 && Qasm3Modified.TryGetValue(name, out var modified)) return modified;
        if (_standard.Contains(name) || Definitions.Any(d => d.Name == name)) return name;
        if (GateLibrary.TryGet(name, out _))
            throw new QasmPrintException($"library gate '{name}' has no spelling in {(dialect == QasmDialect.OpenQasm2 ? "OpenQASM 2" : "OpenQASM 3")}");
        return name;
    }
}
