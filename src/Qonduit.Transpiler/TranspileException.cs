using Qonduit.Circuits;

namespace Qonduit.Transpiler;

/// <summary>
/// A circuit or request the transpiler cannot serve: unbound parameters, more qubits than the usable part of the device,
/// a native set it cannot target, an unknown pass or layout. Codes are <c>ErrorCodes.Transpile</c>.
/// </summary>
public sealed class TranspileException(string code, string message) : QonduitException(code, message);
