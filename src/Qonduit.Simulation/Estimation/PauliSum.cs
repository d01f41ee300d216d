using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;

namespace Qonduit.Simulation.Estimation;

/// <summary>
/// A Hermitian observable Σ c_k·P_k with real coefficients, written like <c>"0.5*ZZI - 0.2*XIX"</c>, <c>"ZZ"</c> or
/// <c>"-1.0*XX + 2*YY"</c> (Qiskit's label order: the rightmost letter is qubit 0). Every label has the same length.
/// </summary>
public sealed record PauliSum(int NumQubits, ImmutableArray<PauliTerm> Terms)
{
    /// <summary>Parses an observable; with <paramref name="numQubits"/> every label must have exactly that length.</summary>
    /// <exception cref="ObservableException">bad syntax, mixed label lengths or a length other than <paramref name="numQubits"/>.</exception>
    public static PauliSum Parse(string text, int? numQubits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new Parser(text).Terms();
        var length = terms[0].Label.Length;
        if (length > 63)
            throw new ObservableException(ErrorCodes.Simulation.ObservableLength, $"observable '{text}' acts on {length} qubits; at most 63 are supported");
        if (terms.FirstOrDefault(t => t.Label.Length != length) is { } odd)
            throw new ObservableException(ErrorCodes.Simulation.ObservableLength, $"observable '{text}': label '{odd.Label}' has {odd.Label.Length} qubits but '{terms[0].Label}' has {length}");
        if (numQubits is { } n && n != length)
            throw new ObservableException(ErrorCodes.Simulation.ObservableLength, $"observable '{text}' acts on {length} qubits but the circuit has {n}");
        return new PauliSum(length, [.. terms]);
    }

    /// <summary>⟨ψ|O|ψ⟩ on a normalised state vector of <see cref="NumQubits"/> qubits.</summary>
    public double Expectation(ReadOnlySpan<Complex> state)
    {
        var value = 0.0;
        foreach (var term in Terms) value += term.Coefficient * term.Expectation(state);
        return value;
    }

    public override string ToString() => string.Join(" + ", Terms);

    private ref struct Parser(string text)
    {
        private int _at;

        public List<PauliTerm> Terms()
        {
            var terms = new List<PauliTerm>();
            SkipSpace();
            var sign = 1.0;
            if (Peek() is '+' or '-') sign = Take() == '-' ? -1 : 1;
            while (true)
            {
                terms.Add(Term(sign));
                SkipSpace();
                if (_at == text.Length) return terms;
                if (Peek() is not ('+' or '-')) throw Error("expected '+' or '-' between terms");
                sign = Take() == '-' ? -1 : 1;
            }
        }

        private PauliTerm Term(double sign)
        {
            SkipSpace();
            var coefficient = 1.0;
            if (_at < text.Length && (char.IsAsciiDigit(Peek()) || Peek() == '.'))
            {
                coefficient = Number();
                SkipSpace();
                if (Peek() != '*') throw Error("expected '*' between a coefficient and its Pauli label");
                _at++;
                SkipSpace();
            }
            var start = _at;
            while (_at < text.Length && Peek() is 'I' or 'X' or 'Y' or 'Z') _at++;
            if (_at == start) throw Error("expected a Pauli label of I, X, Y and Z");
            if (_at < text.Length && char.IsAsciiLetterOrDigit(Peek())) throw Error($"'{Peek()}' is not a Pauli letter (I, X, Y, Z)");
            return new PauliTerm(sign * coefficient, text[start.._at]);
        }

        private double Number()
        {
            var start = _at;
            while (_at < text.Length && (char.IsAsciiDigit(Peek()) || Peek() == '.')) _at++;
            if (_at < text.Length && Peek() is 'e' or 'E')
            {
                _at++;
                if (Peek() is '+' or '-') _at++;
                while (_at < text.Length && char.IsAsciiDigit(Peek())) _at++;
            }
            return double.TryParse(text.AsSpan(start, _at - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error($"'{text[start.._at]}' is not a number", start);
        }

        private readonly char Peek() => _at < text.Length ? text[_at] : '\0';

        private char Take() => text[_at++];

        private void SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
        }

        private readonly ObservableException Error(string message, int? at = null) =>
            new(ErrorCodes.Simulation.ObservableSyntax, $"observable '{text}' at column {(at ?? _at) + 1}: {message}");
    }
}
