using System.Collections.Immutable;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Server.Devices;

/// <summary>Applies a <see cref="DevicePatchRequest"/> to a snapshot; unknown qubits or couplers are refused (`device.unknown-qubit`, `device.unknown-coupler`).</summary>
public static class DevicePatching
{
    public static DeviceSnapshot Apply(DeviceSnapshot current, DevicePatchRequest patch, string by)
    {
        var next = current with { Source = patch.Source ?? $"patched by {by}" };
        if (patch.MaxShots is { } maxShots)
        {
            if (maxShots < 1) throw new RefusedException(ErrorCodes.Device.InvalidMaxShots, "maxShots must be at least 1", Origins.Admin);
            next = next with { MaxShots = maxShots };
        }
        if (patch.Recalibration is { } full)
        {
            if (full.Qubits is { } qubits) next = next with { Qubits = [.. qubits.OrderBy(q => q.Index)] };
            if (full.Couplers is { } couplers) next = next with { Couplers = couplers };
        }
        if (patch.Qubits is { Count: > 0 } qubitPatches)
        {
            var qubits = next.Qubits.ToBuilder();
            foreach (var p in qubitPatches)
            {
                var at = qubits.FindIndex(q => q.Index == p.Index);
                if (at < 0) throw RefuseUnknown(ErrorCodes.Device.UnknownQubit, $"{current.Device} has no qubit {p.Index}");
                qubits[at] = Merge(qubits[at], p);
            }
            next = next with { Qubits = qubits.ToImmutable() };
        }
        if (patch.Couplers is { Count: > 0 } couplerPatches)
        {
            var couplers = next.Couplers.ToBuilder();
            foreach (var p in couplerPatches)
            {
                var at = couplers.FindIndex(c => c.Control == p.Control && c.Target == p.Target);
                if (at < 0) throw RefuseUnknown(ErrorCodes.Device.UnknownCoupler, $"{current.Device} has no coupler {p.Control}->{p.Target}");
                var c = couplers[at];
                couplers[at] = c with { Error = p.Error ?? c.Error, Status = p.Status ?? c.Status, GateLengthNs = p.GateLengthNs ?? c.GateLengthNs };
            }
            next = next with { Couplers = couplers.ToImmutable() };
        }
        return next;
    }

    private static QubitCalibration Merge(QubitCalibration q, QubitPatch p) => q with
    {
        Status = p.Status ?? q.Status,
        T1Us = p.T1Us ?? q.T1Us,
        T2Us = p.T2Us ?? q.T2Us,
        ReadoutError = p.ReadoutError ?? q.ReadoutError,
        ProbMeas0Prep1 = p.ProbMeas0Prep1 ?? q.ProbMeas0Prep1,
        ProbMeas1Prep0 = p.ProbMeas1Prep0 ?? q.ProbMeas1Prep0,
        ReadoutLengthNs = p.ReadoutLengthNs ?? q.ReadoutLengthNs,
        GateErrors = p.GateErrors is null ? q.GateErrors : q.GateErrors.SetItems(p.GateErrors),
        GateLengthsNs = p.GateLengthsNs is null ? q.GateLengthsNs : q.GateLengthsNs.SetItems(p.GateLengthsNs),
    };

    private static RefusedException RefuseUnknown(string code, string message) => new(code, message, Origins.Admin);
}

internal static class BuilderExtensions
{
    public static int FindIndex<T>(this ImmutableArray<T>.Builder builder, Func<T, bool> match)
    {
        for (var i = 0; i < builder.Count; i++)
        {
            if (match(builder[i])) return i;
        }
        return -1;
    }
}
