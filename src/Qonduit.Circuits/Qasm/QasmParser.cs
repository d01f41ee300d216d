using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

/// <summary>
/// OpenQASM 2.0 and the OpenQASM 3 subset to <see cref="Circuit"/>. The dialect comes from the `OPENQASM` line
/// (without one: OpenQASM 2 if the file starts with qelib1.inc, qreg or creg, else 3). Every error is a
/// <see cref="QasmException"/> with file:line:column; input past <see cref="QasmLimits"/> is a <see cref="QasmLimitException"/>.
/// </summary>
public static class QasmParser
{
    public static Circuit Parse(string source, string fileName = "<input>") => Parse(source, fileName, QasmLimits.Default);

    public static Circuit Parse(string source, string fileName, QasmLimits limits)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        if (source.Length > limits.MaxSourceLength)
            throw new QasmLimitException(new SourceLocation(fileName, 1, 1), nameof(QasmLimits.MaxSourceLength), limits.MaxSourceLength, "source too large");
        var program = new Parser(source, fileName, limits, dialect: null).ParseProgram();
        return Elaborator.Run(program, fileName, limits);
    }

    public static Circuit ParseFile(string path) => ParseFile(path, QasmLimits.Default);

    public static Circuit ParseFile(string path, QasmLimits limits)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new QasmException(QasmErrorCodes.Include, new SourceLocation(path, 1, 1), "file not found");
        if (info.Length > limits.MaxSourceLength)
            throw new QasmLimitException(new SourceLocation(path, 1, 1), nameof(QasmLimits.MaxSourceLength), limits.MaxSourceLength, "source too large");
        return Parse(File.ReadAllText(path), path, limits);
    }

    /// <summary>The dialect of a source text, from its header, as <see cref="Parse(string, string)"/> decides it.</summary>
    public static QasmDialect DetectDialect(string source)
    {
        var program = new Parser(source, "<input>", QasmLimits.Default, dialect: null).ParseProgram();
        return program.Dialect ?? QasmDialect.OpenQasm2;
    }
}
