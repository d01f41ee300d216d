using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Qonduit.Client.Primitives;

/// <summary>
/// OpenQASM text edits the primitives make before a circuit leaves for a resource, identical to the Python
/// client's <c>qonduit/qasm.py</c>: parameters bind by name (every free identifier outside gate bodies that a
/// binding names becomes its value, and an OpenQASM 3 <c>input</c> declaration of it is dropped), and a Pauli term
/// is measured by appending a basis change and a classical register declared last.
/// </summary>
public static partial class QasmText
{
    public const string MeasureRegister = "qonduit_obs";

    /// <summary>Every qubit reference in declaration order (Qiskit's flat order).</summary>
    public static IReadOnlyList<string> Qubits(string source)
    {
        var code = Comment().Replace(source, "");
        var found = new List<(int Position, IEnumerable<string> Refs)>();
        foreach (Match m in Qreg().Matches(code))
            found.Add((m.Index, Enumerable.Range(0, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).Select(i => $"{m.Groups[1].Value}[{i}]")));
        foreach (Match m in Qubit3().Matches(code))
        {
            var name = m.Groups[2].Value;
            found.Add((m.Index, m.Groups[1].Success
                ? Enumerable.Range(0, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Select(i => $"{name}[{i}]")
                : [name]));
        }
        return [.. found.OrderBy(f => f.Position).SelectMany(f => f.Refs)];
    }

    public static IReadOnlyList<string> InputParameters(string source) =>
        [.. Input().Matches(Comment().Replace(source, "")).Select(m => m.Groups[1].Value)];

    public static string Bind(string source, IReadOnlyDictionary<string, double>? parameters)
    {
        if (parameters is null || parameters.Count == 0) return source;
        foreach (var name in parameters.Keys)
            if (!Identifier().IsMatch(name)) throw new PrimitiveInputException($"parameter name '{name}' is not an identifier");
        var values = parameters.ToDictionary(p => p.Key, p => p.Value.ToString("R", CultureInfo.InvariantCulture), StringComparer.Ordinal);
        source = Input().Replace(source, m => values.ContainsKey(m.Groups[1].Value) ? "" : m.Value);
        var names = new Regex(@"\b(" + string.Join("|", values.Keys.Select(Regex.Escape)) + @")\b", RegexOptions.CultureInvariant);
        var output = new StringBuilder(source.Length);
        foreach (var (piece, inGate) in SplitGateBodies(source))
            output.Append(inGate ? piece : names.Replace(piece, m => $"({values[m.Groups[1].Value]})"));
        return output.ToString();
    }

    /// <summary>Positional values follow the order of the circuit's <c>input</c> declarations.</summary>
    public static string Bind(string source, IReadOnlyList<double> values)
    {
        if (values.Count == 0) return source;
        var names = InputParameters(source);
        if (names.Count != values.Count)
            throw new PrimitiveInputException($"{values.Count} parameter values given but the circuit declares {names.Count} inputs ({string.Join(", ", names)})");
        return Bind(source, names.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
    }

    /// <summary>Appends the measurement of a Pauli term (rightmost letter on qubit 0); returns the new source.</summary>
    public static string MeasureInBasis(string source, string pauli)
    {
        var refs = Qubits(source);
        if (pauli.Length != refs.Count)
            throw new PrimitiveInputException($"observable '{pauli}' has {pauli.Length} letters but the circuit has {refs.Count} qubits");
        var support = pauli.Reverse().Select((letter, qubit) => (letter, qubit)).Where(t => t.letter != 'I').ToList();
        var v2 = CircuitDialects.FromSource(source) == CircuitDialects.OpenQasm2;
        var library = source.Contains(v2 ? "qelib1.inc" : "stdgates.inc", StringComparison.Ordinal);
        var text = new StringBuilder(source.TrimEnd()).Append('\n');
        text.Append(v2 ? $"creg {MeasureRegister}[{support.Count}];\n" : $"bit[{support.Count}] {MeasureRegister};\n");
        for (var j = 0; j < support.Count; j++)
        {
            var q = refs[support[j].qubit];
            if (support[j].letter == 'Y') text.Append(library ? $"sdg {q};\n" : $"U(0, 0, -pi/2) {q};\n");
            if (support[j].letter is 'X' or 'Y') text.Append(library ? $"h {q};\n" : $"U(pi/2, 0, pi) {q};\n");
            text.Append(v2 ? $"measure {q} -> {MeasureRegister}[{j}];\n" : $"{MeasureRegister}[{j}] = measure {q};\n");
        }
        return text.ToString();
    }

    private static IEnumerable<(string Piece, bool InGate)> SplitGateBodies(string source)
    {
        var position = 0;
        foreach (Match header in GateHeader().Matches(source))
        {
            if (header.Index < position) continue;
            var brace = source.IndexOf('{', header.Index + header.Length);
            if (brace < 0 || source[(header.Index + header.Length)..brace].Trim().Length > 0) continue;
            var (depth, end) = (0, brace);
            while (end < source.Length)
            {
                depth += source[end] == '{' ? 1 : source[end] == '}' ? -1 : 0;
                end++;
                if (depth == 0) break;
            }
            yield return (source[position..header.Index], false);
            yield return (source[header.Index..end], true);
            position = end;
        }
        yield return (source[position..], false);
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\bqreg\s+([A-Za-z_]\w*)\s*\[\s*(\d+)\s*\]\s*;")]
    private static partial Regex Qreg();

    [GeneratedRegex(@"\bqubit\s*(?:\[\s*(\d+)\s*\])?\s+([A-Za-z_]\w*)\s*;")]
    private static partial Regex Qubit3();

    [GeneratedRegex(@"\binput\s+(?:float|angle)(?:\s*\[\s*\d+\s*\])?\s+([A-Za-z_]\w*)\s*;[ \t]*\n?")]
    private static partial Regex Input();

    [GeneratedRegex(@"\b(?:gate|opaque)\b[^{;]*")]
    private static partial Regex GateHeader();

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex Identifier();
}

/// <summary>A pub the primitives cannot turn into circuits (bad parameter names or counts, bad observable).</summary>
public sealed class PrimitiveInputException(string message) : Circuits.QonduitException(ErrorCodes.Client.PrimitiveInputInvalid, message);
