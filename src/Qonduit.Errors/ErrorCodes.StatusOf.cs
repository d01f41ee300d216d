using System.Collections.Frozen;
using System.Reflection;

namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    private static readonly FrozenDictionary<string, int> Statuses = typeof(ErrorCodes).GetNestedTypes()
        .SelectMany(area => area.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Select(field => (Field: field, Registered: field.GetCustomAttribute<ErrorCodeAttribute>()))
        .Where(code => code.Field.IsLiteral && code.Registered is { Status: > 0 })
        .ToFrozenDictionary(code => (string)code.Field.GetRawConstantValue()!, code => code.Registered!.Status, StringComparer.Ordinal);

    /// <summary>
    /// The HTTP status the registry gives <paramref name="code"/>, which the control plane answers it with; null for a
    /// code that never travels as problem details (or is not registered).
    /// </summary>
    public static int? StatusOf(string code) => Statuses.TryGetValue(code, out var status) ? status : null;
}
