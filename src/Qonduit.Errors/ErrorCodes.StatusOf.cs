using System.Collections.Frozen;
using System.Reflection;

namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    private static readonly FrozenDictionary<string, int> Statuses = typeof(ErrorCodes).GetNestedTypes()
        .SelectMany(area => area.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(field => field.IsLiteral && field.GetCustomAttribute<ErrorCodeAttribute>() is { Status: > 0 })
        .ToFrozenDictionary(field => (string)field.GetRawConstantValue()!, field => field.GetCustomAttribute<ErrorCodeAttribute>()!.Status, StringComparer.Ordinal);

    /// <summary>The HTTP status the registry gives <paramref name="code"/>; null for a code that never travels as problem details (or is not registered).</summary>
    public static int? StatusOf(string code) => Statuses.TryGetValue(code, out var status) ? status : null;
}
