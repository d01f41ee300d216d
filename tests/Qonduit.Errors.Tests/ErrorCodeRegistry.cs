using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Qonduit.Errors.Tests;

/// <summary>One registered code as reflection reads it from <see cref="ErrorCodes"/>.</summary>
public sealed record RegisteredCode(string Area, string Constant, string Code, int Status, string Meaning);

/// <summary>Reads the registry and renders docs/error-codes.md from it.</summary>
public static partial class ErrorCodeRegistry
{
    public static IReadOnlyList<RegisteredCode> All { get; } = Read();

    [GeneratedRegex(@"^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$")]
    public static partial Regex DottedStyle();

    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append("# Error codes\n\n");
        text.Append("Every refusal Qonduit reports carries a stable `code` in one dotted style, `area.what-went-wrong`\n");
        text.Append("(`^[a-z]+(\\.[a-z0-9]+(-[a-z0-9]+)*)+$`): in problem details (`application/problem+json`), in a task's\n");
        text.Append("`error`, in `error.json`, and in the exceptions of the .NET and Python clients. A code never changes meaning;\n");
        text.Append("clients match on it. The area names where the failure came from, consistent with the problem's `origin`.\n\n");
        text.Append("This file is generated from `src/Qonduit.Errors/ErrorCodes.*.cs`; do not edit it. After changing the registry run\n");
        text.Append("`QONDUIT_REGENERATE_DOCS=1 dotnet test tests/Qonduit.Errors.Tests` and commit the result.\n");
        foreach (var area in All.GroupBy(c => c.Area))
        {
            text.Append($"\n## {area.Key}\n\n| code | HTTP | meaning |\n| --- | --- | --- |\n");
            foreach (var code in area)
                text.Append($"| `{code.Code}` | {(code.Status == 0 ? "" : code.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))} | {code.Meaning.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }
        return text.ToString();
    }

    private static List<RegisteredCode> Read() =>
    [
        .. typeof(ErrorCodes).GetNestedTypes()
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .SelectMany(area => area.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral)
                .Select(f => (Field: f, Attribute: f.GetCustomAttribute<ErrorCodeAttribute>()))
                .Select(f => new RegisteredCode(area.Name.ToLowerInvariant(), $"{area.Name}.{f.Field.Name}", (string)f.Field.GetRawConstantValue()!,
                    f.Attribute?.Status ?? 0, f.Attribute?.Meaning ?? ""))
                .OrderBy(c => c.Code, StringComparer.Ordinal)),
    ];
}
