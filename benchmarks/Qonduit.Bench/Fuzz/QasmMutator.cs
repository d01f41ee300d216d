using System.Text;
using System.Text.RegularExpressions;

namespace Qonduit.Bench.Fuzz;

/// <summary>
/// Grammar-aware OpenQASM mutation: starts from a valid program of either dialect and applies a few edits that keep
/// most of the grammar (numbers, names, whole statements) so the input reaches the elaborator, not only the lexer;
/// hostile statements (file includes, expansion bombs, non-finite angles, huge registers) are inserted as units.
/// </summary>
public static partial class QasmMutator
{
    private static readonly string[] Seeds =
    [
        "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n",
        "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\ngate maj a,b,c { cx c,b; cx c,a; ccx a,b,c; }\nmaj q[0],q[1],q[2];\nrz(pi/4) q[1];\nu3(0.1,0.2,0.3) q[2];\nbarrier q;\nmeasure q -> c;\nif(c==1) x q[0];\n",
        "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[3] q;\nbit[3] c;\ngate g(t) a, b { rz(t) a; cx a, b; }\ng(pi/3) q[0], q[1];\nctrl @ x q[0], q[2];\npow(2) @ sx q[1];\ninv @ s q[2];\nc = measure q;\n",
        "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[2] q;\nbit[2] c;\nrx(0.1 + 0.2) q[0];\nry(-pi/3) q[1];\ncz q[0], q[1];\nreset q[0];\nc[0] = measure q[0];\nc[1] = measure q[1];\n",
    ];

    private static readonly string[] Numbers =
    [
        "0/0", "1e308*1e308", "-1e308*1e308", "1e999", "0.0/0.0", "pi/0", "99999999999999999999", "2147483648", "-1", "0", "-0",
        "1e-400", "4294967296", "9223372036854775808", "3.", ".5e", "1_000", "0x10", "nan", "inf",
    ];

    private static readonly string[] Names = ["q", "c", "x", "U", "CX", "gate", "qreg", "measure", "include", "pi", "sin", "ctrl", "_", "é", new('n', 5000)];

    [GeneratedRegex(@"\d+(\.\d*)?([eE][+-]?\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex NamePattern();

    /// <param name="canary">A file the server can read whose content must never come back in an answer.</param>
    public static string Next(Random random, string canary)
    {
        var source = Seeds[random.Next(Seeds.Length)];
        var edits = random.Next(0, 4);
        for (var i = 0; i < edits; i++) source = Mutate(source, random, canary);
        return source;
    }

    private static string Mutate(string source, Random random, string canary) => random.Next(9) switch
    {
        0 => ReplaceMatch(source, NumberPattern(), Numbers[random.Next(Numbers.Length)], random),
        1 => ReplaceMatch(source, NamePattern(), Names[random.Next(Names.Length)], random),
        2 or 3 or 4 => InsertLine(source, Hostile(random, canary), random),
        5 => EditLines(source, random),
        6 => source[..random.Next(source.Length + 1)],
        7 => source.Insert(random.Next(source.Length + 1), ((char)random.Next(0, 0x3000)).ToString()),
        _ => source + source[(source.IndexOf(';') + 1)..],
    };

    /// <summary>One self-contained hostile statement; programs all declare a register named q.</summary>
    public static string Hostile(Random random, string canary) => random.Next(14) switch
    {
        0 => $"include \"{(random.Next(3) == 0 ? canary : Paths[random.Next(Paths.Length)])}\";",
        1 => Bomb(random.Next(4, 40), random.Next(2, 5)),
        2 => $"rz({Numbers[random.Next(Numbers.Length)]}) q[0];",
        3 => $"u3(0/0, 1e308*1e308, {random.NextDouble()}) q[0];",
        4 => $"qreg big{random.Next(100)}[{(random.Next(2) == 0 ? "2147483647" : "70000")}];",
        5 => $"creg big{random.Next(100)}[{random.Next(1_000_000, int.MaxValue)}];",
        6 => $"rz({new string('(', random.Next(100, 5000))}1{new string(')', random.Next(100, 5000))}) q[0];",
        7 => $"pow({random.Next(1000, int.MaxValue)}) @ x q[0];",
        8 => $"ctrl({random.Next(2, 100_000)}) @ x q[0], q[1];",
        9 => $"x q[{random.Next(2, int.MaxValue)}];",
        10 => $"if(c=={long.MaxValue}) x q[0];",
        11 => $"gate r{random.Next(100)} a {{ r{random.Next(100)} a; }}",
        12 => $"OPENQASM {random.Next(0, 10)}.{random.Next(0, 10)};",
        _ => "input float[64] theta;\nrz(theta) q[0];",
    };

    private static readonly string[] Paths =
    [
        "/etc/passwd", "/proc/self/environ", "/dev/zero", "/dev/urandom", "../../../../etc/hostname", "qelib1.inc", "stdgates.inc",
        "missing-file.inc", "/", ".", "", "\\\\server\\share", "file:///etc/passwd",
    ];

    /// <summary>gate b0 calls x; b{i} calls b{i−1} <paramref name="fanOut"/> times: fanOut^depth instructions from 1 line.</summary>
    public static string Bomb(int depth, int fanOut)
    {
        var text = new StringBuilder("gate b0 a { x a; }\n");
        for (var i = 1; i <= depth; i++)
        {
            text.Append("gate b").Append(i).Append(" a { ");
            for (var k = 0; k < fanOut; k++) text.Append('b').Append(i - 1).Append(" a; ");
            text.Append("}\n");
        }
        return text.Append('b').Append(depth).Append(" q[0];").ToString();
    }

    private static string ReplaceMatch(string source, Regex pattern, string replacement, Random random)
    {
        var matches = pattern.Matches(source);
        if (matches.Count == 0) return source;
        var m = matches[random.Next(matches.Count)];
        return string.Concat(source.AsSpan(0, m.Index), replacement, source.AsSpan(m.Index + m.Length));
    }

    /// <summary>After the declarations, so a hostile statement sees the registers.</summary>
    private static string InsertLine(string source, string line, Random random)
    {
        var lines = source.Split('\n').ToList();
        var firstUse = lines.FindIndex(l => l.StartsWith("qreg", StringComparison.Ordinal) || l.StartsWith("qubit", StringComparison.Ordinal)) + 1;
        var at = random.Next(Math.Max(firstUse, 0), lines.Count + 1);
        lines.Insert(Math.Min(at, lines.Count), line);
        return string.Join('\n', lines);
    }

    private static string EditLines(string source, Random random)
    {
        var lines = source.Split('\n').ToList();
        var i = random.Next(lines.Count);
        var j = random.Next(lines.Count);
        switch (random.Next(3))
        {
            case 0: lines.RemoveAt(i); break;
            case 1: lines.InsertRange(i, Enumerable.Repeat(lines[j], random.Next(1, 50))); break;
            default: (lines[i], lines[j]) = (lines[j], lines[i]); break;
        }
        return string.Join('\n', lines);
    }
}
