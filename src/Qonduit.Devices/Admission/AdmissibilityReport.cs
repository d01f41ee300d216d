using Qonduit.Circuits.Ir;

namespace Qonduit.Devices.Admission;

public enum ViolationKind
{
    /// <summary>A gate the device does not run natively (a controlled form `ctrl @ g` never is).</summary>
    NonNativeGate,

    /// <summary>A gate declared `opaque`: it has no definition, so no device can run it.</summary>
    OpaqueGate,

    /// <summary>A qubit index beyond the device's last qubit.</summary>
    QubitOutOfRange,

    OfflineQubit,

    /// <summary>The ordered pair is not a coupler; the reverse direction may be (the message says so).</summary>
    MissingCoupler,

    /// <summary>The coupler exists but is switched off.</summary>
    UnavailableCoupler,

    /// <summary>The coupler exists but runs another native two-qubit gate.</summary>
    CouplerGateMismatch,

    /// <summary>A native gate on more than two qubits: couplers join pairs, so no device realises it directly.</summary>
    UnsupportedArity,

    TooManyQubits,

    TooManyClbits,

    /// <summary>A gate outside the gate library: nothing knows its matrix, so no transpiler can rewrite it.</summary>
    UnknownGate,
}

/// <summary>One reason a circuit cannot run as written; circuit-wide reasons have no instruction index.</summary>
public sealed record AdmissibilityViolation(ViolationKind Kind, int? InstructionIndex, SourceLocation? Location, string Message)
{
    /// <summary>Stable machine-readable code, one per kind (<c>ErrorCodes.Admission</c>).</summary>
    public string Code => Kind switch
    {
        ViolationKind.NonNativeGate => ErrorCodes.Admission.NonNativeGate,
        ViolationKind.OpaqueGate => ErrorCodes.Admission.OpaqueGate,
        ViolationKind.QubitOutOfRange => ErrorCodes.Admission.QubitOutOfRange,
        ViolationKind.OfflineQubit => ErrorCodes.Admission.OfflineQubit,
        ViolationKind.MissingCoupler => ErrorCodes.Admission.MissingCoupler,
        ViolationKind.UnavailableCoupler => ErrorCodes.Admission.UnavailableCoupler,
        ViolationKind.CouplerGateMismatch => ErrorCodes.Admission.CouplerGateMismatch,
        ViolationKind.UnsupportedArity => ErrorCodes.Admission.UnsupportedArity,
        ViolationKind.TooManyQubits => ErrorCodes.Admission.TooManyQubits,
        ViolationKind.TooManyClbits => ErrorCodes.Admission.TooManyClbits,
        ViolationKind.UnknownGate => ErrorCodes.Admission.UnknownGate,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "a violation kind without a code"),
    };

    /// <summary>`file:line:col: message`, or the bare message when the circuit has no source position.</summary>
    public override string ToString() => Location is null ? Message : $"{Location}: {Message}";
}

/// <param name="Work">
/// Elementary checks performed (one per instruction, per operand and per coupler lookup). It is what makes the linear
/// bound testable without a clock.
/// </param>
public sealed record AdmissibilityReport(string Device, IReadOnlyList<AdmissibilityViolation> Violations, long Work)
{
    public bool IsAdmissible => Violations.Count == 0;
}
