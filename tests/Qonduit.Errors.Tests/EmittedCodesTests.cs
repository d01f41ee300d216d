using System.Text.RegularExpressions;
using Qonduit.Tests.Shared;

namespace Qonduit.Errors.Tests;

/// <summary>
/// No code is emitted that the registry does not list. The scan reads every src/**/*.cs (comments dropped, strings
/// masked by <see cref="CSharpLiterals"/>) and reports:
/// <list type="number">
/// <item>a string literal passed where a code goes: the argument at the position of a parameter named `code`/`Code` of
/// any constructor, method or record declared in src (ControlPlaneException, QonduitException and every subclass taking a
/// code, TaskError, TaskFailure, the problem factories, ...), positionally or as `code:`; any literal in that argument
/// (also inside `a ? "x" : "y"`) fails, whatever its style;</item>
/// <item>a literal equal to a registered code outside the registry (a code written out instead of referenced);</item>
/// <item>a string constant named like a code (`...Code`, `...Codes.X`) outside the registry.</item>
/// </list>
/// What it cannot see: a code computed at run time, or passed through a parameter with another name; both are
/// reviewed by hand (the client's fallback `http.*` code is the one computed code).
/// </summary>
public sealed partial class EmittedCodesTests
{
    // Event types share the dotted shape and, for one, the text of a code; they are not error codes.
    private static readonly HashSet<(string File, string Literal)> NotCodes = [("EventRecord.cs", "task.cancelled")];

    [GeneratedRegex(@"(?<name>\w+)\s*\((?<parameters>[^()]*\bstring\s+[Cc]ode\b[^()]*)\)")]
    private static partial Regex DeclarationWithCode();

    [GeneratedRegex(@"\bconst\s+string\s+(?<name>\w*Codes?\w*)\s*=\s*\u0001")]
    private static partial Regex CodeNamedConstant();

    [Fact]
    public void Every_code_in_src_comes_from_the_registry()
    {
        var files = SourceFiles().Select(f => (Path: f, Text: new CSharpLiterals(File.ReadAllText(f)))).ToList();
        var codeParameters = CodeParameters(files.Select(f => f.Text.Masked));
        var registered = ErrorCodeRegistry.All.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (path, text) in files)
        {
            var where = Path.GetRelativePath(RepoPaths.Root, path);
            foreach (var (name, index) in codeParameters)
            {
                if (DeclaresWithoutCode(text.Masked, name)) continue;
                foreach (Match call in Regex.Matches(text.Masked, $@"(?<![\w.]\s*\bclass\s+)\b{name}\s*\("))
                {
                    if (IsDeclaration(text.Masked, call.Index)) continue;
                    var arguments = Arguments(text.Masked, call.Index + call.Length);
                    var argument = arguments.FirstOrDefault(a => a.TrimStart().StartsWith("code:", StringComparison.OrdinalIgnoreCase))
                        ?? (index < arguments.Count && !arguments[index].Contains(':', StringComparison.Ordinal) ? arguments[index] : null);
                    if (argument is not null && OwnLevel(argument).Contains(CSharpLiterals.Placeholder, StringComparison.Ordinal))
                        problems.Add($"{where}: {name}(...) is given a literal code; use a constant of ErrorCodes");
                }
            }
            foreach (var literal in text.Literals.Where(l => !l.Interpolated && registered.Contains(l.Value)))
                if (!NotCodes.Contains((Path.GetFileName(path), literal.Value)))
                    problems.Add($"{where}: \"{literal.Value}\" is written out; use its ErrorCodes constant");
            foreach (Match constant in CodeNamedConstant().Matches(text.Masked))
                problems.Add($"{where}: const {constant.Groups["name"].Value} defines a code outside src/Qonduit.Errors");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !Regex.IsMatch(f.Replace('\\', '/'), "/(obj|bin)/|/Qonduit.Errors/"));

    /// <summary>Name and index of every parameter called `code` in a declaration anywhere in src.</summary>
    private static HashSet<(string Name, int Index)> CodeParameters(IEnumerable<string> sources) =>
        sources.SelectMany(s => DeclarationWithCode().Matches(s))
            .Select(m => (m.Groups["name"].Value, m.Groups["parameters"].Value.Split(',').Select(p => p.Trim())
                .TakeWhile(p => !Regex.IsMatch(p, @"\bstring\s+[Cc]ode\b")).Count()))
            .ToHashSet();

    /// <summary>The file declares its own `name(...)` without a code parameter (a private helper of the same name).</summary>
    private static bool DeclaresWithoutCode(string masked, string name) =>
        Regex.Matches(masked, $@"[\w>\]?]\s+{name}\s*\((?<parameters>[^()]*)\)\s*(=>|\{{|:|\r?\n)")
            .Any(m => !Regex.IsMatch(m.Groups["parameters"].Value, @"\bstring\s+[Cc]ode\b"));

    /// <summary>The argument without nested calls: `new TaskFailure(code, origin, "message")` passes no literal code.</summary>
    private static string OwnLevel(string argument)
    {
        for (var previous = ""; previous != argument;) (previous, argument) = (argument, Regex.Replace(argument, @"\([^()]*\)", ""));
        return argument;
    }

    private static bool IsDeclaration(string masked, int at)
    {
        var lineStart = masked.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        return Regex.IsMatch(masked[lineStart..at], @"\b(class|record|struct|static|public|private|internal|protected)\b[^=(]*$");
    }

    /// <summary>The top-level arguments of the call whose '(' ends just before <paramref name="from"/>.</summary>
    private static List<string> Arguments(string masked, int from)
    {
        var arguments = new List<string>();
        var (depth, start) = (0, from);
        for (var i = from; i < masked.Length; i++)
        {
            var c = masked[i];
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}' && depth-- == 0) { arguments.Add(masked[start..i]); break; }
            else if (c == ',' && depth == 0) { arguments.Add(masked[start..i]); start = i + 1; }
        }
        return arguments;
    }
}
