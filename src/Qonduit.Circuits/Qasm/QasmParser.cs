using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

/// <summary>
/// OpenQASM 2.0 and the OpenQASM 3 subset to <see cref="Circuit"/>. The dialect comes from the `OPENQASM` line
/// (without one: OpenQASM 2 if the file starts with qelib1.inc, qreg or creg, else 3). Every error is a
/// <see cref="QasmException"/> with file:line:column; input past <see cref="QasmLimits"/> is a <see cref="QasmLimitException"/>
/// (or <see cref="QasmExpansionException"/>), a fired cancellation token a <see cref="QasmDeadlineException"/>.
/// A text reads no files but the standard includes unless its <see cref="QasmIncludePolicy"/> names a directory;
/// <see cref="ParseFile(string, QasmLimits, CancellationToken)"/> allows the file's own directory.
/// </summary>
public static class QasmParser
{
    public static Circuit Parse(string source, string fileName = "<input>") => Parse(source, fileName, QasmLimits.Default);

    public static Circuit Parse(string source, string fileName, QasmLimits limits) => Parse(source, fileName, limits, QasmIncludePolicy.StandardOnly);

    /// <param name="cancellation">The caller's deadline: checked as tokens are read and operations expanded.</param>
    public static Circuit Parse(string source, string fileName, QasmLimits limits, QasmIncludePolicy includes, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(includes);
        if (source.Length > limits.MaxSourceLength)
            throw new QasmLimitException(new SourceLocation(fileName, 1, 1), nameof(QasmLimits.MaxSourceLength), limits.MaxSourceLength, "source too large");
        var program = new Parser(source, fileName, limits, dialect: null, cancellation).ParseProgram();
        return Elaborator.Run(program, fileName, limits, includes, cancellation);
    }

    public static Circuit ParseFile(string path) => ParseFile(path, QasmLimits.Default);

    /// <summary>A local file; its includes may be read from under its own directory.</summary>
    public static Circuit ParseFile(string path, QasmLimits limits, CancellationToken cancellation = default)
    {
        var text = ReadFile(path, limits);
        return Parse(text, path, limits, QasmIncludePolicy.UnderDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!), cancellation);
    }

    /// <summary>A local file's text, read through at most <see cref="QasmLimits.MaxSourceLength"/> bytes; a device or pipe is refused.</summary>
    public static string ReadFile(string path, QasmLimits limits) =>
        IncludeFiles.Read(Path.GetFullPath(path), limits.MaxSourceLength, nameof(QasmLimits.MaxSourceLength), new SourceLocation(path, 1, 1));

    /// <summary>The dialect of a source text, from its header, as <see cref="Parse(string, string)"/> decides it.</summary>
    public static QasmDialect DetectDialect(string source)
    {
        var program = new Parser(source, "<input>", QasmLimits.Default, dialect: null).ParseProgram();
        return program.Dialect ?? QasmDialect.OpenQasm2;
    }
}
