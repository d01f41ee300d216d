namespace Qonduit.Client.Primitives;

/// <summary>A weighted sum of Pauli strings read like Qiskit's (the rightmost letter acts on qubit 0).</summary>
public sealed record PauliObservable
{
    private PauliObservable(IReadOnlyList<(string Pauli, double Coefficient)> terms) => Terms = terms;

    public IReadOnlyList<(string Pauli, double Coefficient)> Terms { get; }

    public static PauliObservable Of(string pauli) => Of([(pauli, 1.0)]);

    public static PauliObservable Of(IEnumerable<(string Pauli, double Coefficient)> terms)
    {
        var list = terms.Select(t => (t.Pauli.ToUpperInvariant(), t.Coefficient)).ToList();
        if (list.Count == 0) throw new PrimitiveInputException("an observable needs at least one term");
        foreach (var (pauli, _) in list)
            if (pauli.Length == 0 || pauli.Any(c => c is not ('I' or 'X' or 'Y' or 'Z')))
                throw new PrimitiveInputException($"observable term '{pauli}' is not a Pauli string over I, X, Y, Z");
        if (list.Select(t => t.Item1.Length).Distinct().Count() > 1)
            throw new PrimitiveInputException("every term of an observable must have the same number of letters");
        return new PauliObservable(list);
    }

    /// <summary>"ZZ" or "0.5*ZI + -1.0*XX" (coefficients optional).</summary>
    public static PauliObservable Parse(string text) =>
        Of(text.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(term =>
        {
            var star = term.IndexOf('*', StringComparison.Ordinal);
            if (star < 0) return (term, 1.0);
            return double.TryParse(term[..star].Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var c)
                ? (term[(star + 1)..].Trim(), c)
                : throw new PrimitiveInputException($"observable term '{term}': '{term[..star].Trim()}' is not a number");
        }));
}
