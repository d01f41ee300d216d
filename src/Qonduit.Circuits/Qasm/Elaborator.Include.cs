using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

internal sealed partial class Elaborator
{
    private void Include(QasmStatement.Include include, string file)
    {
        if (BuiltinIncludes.TryGet(_dialect, include.Path, out var names))
        {
            if (!_builtinsIncluded.Add(include.Path)) return;
            foreach (var name in names)
            {
                if (_gates.TryGetValue(name, out var existing) && existing.DefinedAt is { } at)
                    throw new QasmException(ErrorCodes.Qasm.Redefinition, include.Location,
                        $"{include.Path} defines gate '{name}', which is already defined at {at}; include it before your own definitions");
                _gates[name] = new GateSymbol.Library(name, GateLibrary.Get(name), null);
            }
            return;
        }
        if (_dialect == QasmDialect.OpenQasm3 && include.Path == "qelib1.inc")
            throw new QasmException(ErrorCodes.Qasm.Include, include.Location, "qelib1.inc is the OpenQASM 2 library; in OpenQASM 3 write include \"stdgates.inc\";");
        var path = IncludeFiles.Resolve(_includes, file, include.Path, include.Location);
        if (_includeStack.Count > _limits.MaxIncludeDepth)
            throw new QasmLimitException(include.Location, nameof(QasmLimits.MaxIncludeDepth), _limits.MaxIncludeDepth, "includes nested too deeply");
        var cycle = _includeStack.IndexOf(path);
        if (cycle >= 0)
            throw new QasmException(ErrorCodes.Qasm.Include, include.Location,
                $"include cycle: {string.Join(" -> ", _includeStack.Skip(cycle).Append(path).Select(Path.GetFileName))}; remove one of the includes");
        var text = IncludeFiles.Read(path, _limits.MaxIncludeBytes, nameof(QasmLimits.MaxIncludeBytes), include.Location);
        var program = new Parser(text, path, _limits, _dialect, _cancellation).ParseProgram();
        if (program.Dialect is { } dialect && dialect != _dialect)
            throw new QasmException(ErrorCodes.Qasm.Include, include.Location, $"'{include.Path}' is written in {Name(dialect)} but is included from {Name(_dialect)}");
        _includeStack.Add(path);
        Statements(program.Statements, path);
        _includeStack.RemoveAt(_includeStack.Count - 1);
    }

    private static string Name(QasmDialect dialect) => dialect == QasmDialect.OpenQasm2 ? "OpenQASM 2" : "OpenQASM 3";

    private GateSymbol LookupGate(string name, SourceLocation at)
    {
        if (_gates.TryGetValue(name, out var symbol)) return symbol;
        var library = _dialect == QasmDialect.OpenQasm2 ? "qelib1.inc" : "stdgates.inc";
        var hint = BuiltinIncludes.Names(_dialect).Contains(name) && !_builtinsIncluded.Contains(library)
            ? $"it is defined in {library}; add include \"{library}\"; after the version line"
            : $"define it first with 'gate {name} ... {{ ... }}'";
        var suggestions = Suggestions.For(name, _gates.Keys.Concat(BuiltinIncludes.Names(_dialect)));
        throw new QasmException(ErrorCodes.Qasm.UnknownGate, at, $"unknown gate '{name}'{Suggestions.DidYouMean(suggestions)}; {hint}");
    }
}
