using Qonduit.Circuits.Ir;

namespace Qonduit.Server.Tasks;

/// <summary>
/// Binds a submission's <c>parameters</c> to the circuit's OpenQASM 3 <c>input float[64]</c> declarations at admission,
/// so what is stored and run has none left: every name must be an input, every input bound, every value (and every
/// angle it makes) finite.
/// </summary>
public static class TaskParameters
{
    public static Circuit Bind(Circuit circuit, IReadOnlyDictionary<string, double>? parameters)
    {
        parameters ??= new Dictionary<string, double>();
        var inputs = circuit.InputParameters.ToHashSet(StringComparer.Ordinal);
        var unknown = parameters.Keys.Where(name => !inputs.Contains(name)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw TaskAdmission.Refuse(ErrorCodes.Admission.UnknownParameter,
                $"the circuit declares no input named {string.Join(", ", unknown.Take(10).Select(n => $"'{n}'"))}" +
                $" (its inputs: {(inputs.Count == 0 ? "none" : string.Join(", ", circuit.InputParameters))})",
                new Dictionary<string, object?> { ["unknown"] = unknown.Take(100).ToList(), ["inputs"] = circuit.InputParameters.ToList() });
        }
        var missing = circuit.InputParameters.Where(name => !parameters.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw TaskAdmission.Refuse(ErrorCodes.Admission.UnboundParameters,
                $"input parameters are not bound: {string.Join(", ", missing)}; give each a value in 'parameters'",
                new Dictionary<string, object?> { ["missing"] = missing });
        }
        if (parameters.FirstOrDefault(p => !double.IsFinite(p.Value)) is { Key: not null } bad)
            throw NonFinite($"parameter '{bad.Key}' is {bad.Value}; bound values must be finite numbers");
        if (parameters.Count == 0) return circuit;
        try
        {
            return circuit.Bind(parameters);
        }
        catch (NonFiniteParameterException e)
        {
            throw NonFinite(e.Message);
        }
    }

    private static RefusedException NonFinite(string message) =>
        TaskAdmission.Refuse(ErrorCodes.Admission.NonFiniteParameter, message);
}
