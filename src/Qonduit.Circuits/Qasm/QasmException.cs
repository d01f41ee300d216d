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

/// <summary>The printer was asked for something the target dialect cannot say.</summary>
public sealed class QasmPrintException(string message) : QonduitException(QasmErrorCodes.NotExpressible, message);

public static class QasmErrorCodes
{
    public const string Syntax = "qasm_syntax";
    public const string UnknownGate = "qasm_unknown_gate";
    public const string GateArity = "qasm_gate_arity";
    public const string UnknownName = "qasm_unknown_name";
    public const string OutOfRange = "qasm_out_of_range";
    public const string BroadcastMismatch = "qasm_broadcast_mismatch";
    public const string Redefinition = "qasm_redefinition";
    public const string Include = "qasm_include";
    public const string Unsupported = "qasm_unsupported";
    public const string Semantic = "qasm_semantic";
    public const string Limit = "qasm_limit";
    public const string NotExpressible = "qasm_not_expressible";
}
