using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

/// <summary>
/// A problem in OpenQASM source: where it is (file:line:column) and what to do about it.
/// <see cref="QonduitException.Code"/> is one of <c>ErrorCodes.Qasm</c> (or <c>ErrorCodes.Limits</c> for a bound).
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
    : QasmException(ErrorCodes.Qasm.Limit, location, $"{message} (limit {limit} = {bound})")
{
    public string Limit { get; } = limit;

    public long Bound { get; } = bound;
}

/// <summary>Gate expansion would pass <see cref="QasmLimits.MaxInstructions"/>: refused before the excess was materialised.</summary>
public sealed class QasmExpansionException(SourceLocation location, long bound, string message)
    : QasmException(ErrorCodes.Limits.Expansion, location, $"{message} (limit {nameof(QasmLimits.MaxInstructions)} = {bound})");

/// <summary>The caller's cancellation token fired while parsing: the deadline passed, the parse stopped there.</summary>
public sealed class QasmDeadlineException(SourceLocation location)
    : QasmException(ErrorCodes.Limits.Deadline, location, "parsing stopped here: the circuit took longer than the deadline allows");

/// <summary>The printer was asked for something the target dialect cannot say.</summary>
public sealed class QasmPrintException(string message) : QonduitException(ErrorCodes.Qasm.NotExpressible, message);
