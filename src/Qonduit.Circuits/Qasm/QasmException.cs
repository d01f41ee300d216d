using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

/// <summary>
/// A problem in OpenQASM source: where it is (file:line:column) and what to do about it.
/// <see cref="QonduitException.Code"/> is one of <see cref="QasmErrorCodes"/>.
/// </summary>
public class QasmException(string code, SourceLocation location, string message)
    : QonduitException(code, $"{location}: {message}")
{
    public SourceLocation Location { get; } = location;

    /// <summary>The message without the position prefix.</summary>
    public string Reason { get; } = message;
}

/// <summary>A configured <see cref="QasmLimits"/> bound was exceeded; the parse stopped there.</summary>
public sealed class QasmLimitException(SourceLocation location, string limit, long bound, string message)
    : QasmException(QasmErrorCodes.Limit, location, $"{message} (limit {limit} = {bound})")
{
    public string Limit { get; } = limit;

    public long Bound { get; } = bound;
}

/// <summary>Gate expansion would pass <see cref="QasmLimits.MaxInstructions"/>: refused before the excess was materialised.</summary>
public sealed class QasmExpansionException(SourceLocation location, long bound, string message)
    : QasmException(QasmErrorCodes.Expansion, location, $"{message} (limit {nameof(QasmLimits.MaxInstructions)} = {bound})");

/// <summary>The caller's cancellation token fired while parsing: the deadline passed, the parse stopped there.</summary>
public sealed class QasmDeadlineException(SourceLocation location)
    : QasmException(QasmErrorCodes.Deadline, location, "parsing stopped here: the circuit took longer than the deadline allows");

/// <summary>The printer was asked for something the target dialect cannot say.</summary>
public sealed class QasmPrintException(string message) : QonduitException(QasmErrorCodes.NotExpressible, message);

public static class QasmErrorCodes
{
    public const string Syntax = "qasm.syntax";
    public const string UnknownGate = "qasm.unknown-gate";
    public const string GateArity = "qasm.gate-arity";
    public const string UnknownName = "qasm.unknown-name";
    public const string OutOfRange = "qasm.out-of-range";
    public const string BroadcastMismatch = "qasm.broadcast-mismatch";
    public const string Redefinition = "qasm.redefinition";
    public const string Include = "qasm.include";

    /// <summary>The include is neither a standard include nor a file under the allowed include directory; the file was not touched.</summary>
    public const string IncludeForbidden = "qasm.include-forbidden";
    public const string Unsupported = "qasm.unsupported";
    public const string Semantic = "qasm.semantic";
    public const string Limit = "qasm.limit";
    public const string NotExpressible = "qasm.not-expressible";

    /// <summary>A gate parameter (after constant folding or binding) is NaN or infinite.</summary>
    public const string NonFiniteParameter = "qasm.non-finite-parameter";

    /// <summary>Gate definitions, modifiers and broadcasts expand past the instruction budget; nothing more was expanded.</summary>
    public const string Expansion = "limits.expansion";

    /// <summary>The parse ran past the caller's deadline (its cancellation token fired).</summary>
    public const string Deadline = "limits.deadline";
}
