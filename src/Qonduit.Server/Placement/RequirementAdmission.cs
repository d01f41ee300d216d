using System.Collections.Immutable;
using Qonduit.Circuits.Ir;
using Qonduit.Contracts.Resources;
using Qonduit.Devices.Admission;
using Qonduit.Devices.Snapshots;
using Qonduit.Placement.Indices;
using Qonduit.Placement.Requirements;
using Qonduit.Placement.Requirements.Evaluation;
using Qonduit.Placement.Requirements.Syntax;
using Qonduit.Server.Devices;
using Qonduit.Server.Resources;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Placement;

/// <summary>
/// A requirement checked at submission (docs/orchestration.md "Requirement at submission"): parsed once
/// (<see cref="RequirementRules.Admit"/>, 400 with the column); some resource must be able to match it ever, reading
/// only what never changes (`kind`, `num_qubits`) and taking every other index as possibly true; and the circuit must be
/// admissible on some device it may run on (422, saying why each is refused): a QPU's current snapshot, or for a
/// simulator pool the task's own device (without one, an ideal simulation: <see cref="CheckSimulatorOnly"/>).
/// </summary>
public sealed class RequirementAdmission(PlacementLanes lanes, DeviceRegistry devices, LoadIndexCatalog indices, TimeProvider time)
{
    private static readonly ImmutableHashSet<string> StaticIndices = [BuiltInIndices.Kind.Name, BuiltInIndices.Resource.Name, BuiltInIndices.NumQubits.Name];
    private static readonly RequirementEvaluator Evaluator = new(BuiltInIndices.Catalog);

    /// <summary>
    /// Parses and checks the requirement once against the built-in and declared indices (rusage[] may reserve a declared
    /// consumable one); a refusal is a RequirementException, a 400 with its column (ProblemResponses).
    /// </summary>
    public Requirement Parse(string text) => RequirementRules.Admit(text, indices.All);

    /// <param name="ownReport">The circuit checked against the task's own device, or for a task without one against an ideal
    /// simulation: what a simulator pool would run it on.</param>
    public void Check(Requirement requirement, Circuit circuit, bool transpile, AdmissibilityReport ownReport)
    {
        var now = time.GetUtcNow();
        var possible = lanes.Read(now).Where(l => PossiblyMatches(requirement, l.Candidate, now)).ToList();
        if (possible.Count == 0)
            throw TaskAdmission.Refuse(ErrorCodes.Placement.NoMatchingResource,
                "no resource could ever match the requirement: kind, resource and num_qubits exclude every one");
        var refused = new List<Dictionary<string, object?>>();
        foreach (var lane in possible)
        {
            var report = lane.IsQpu ? OnDevice(lane.Name, circuit, transpile) : ownReport;
            if (report is null) continue;
            if (report.IsAdmissible) return;
            refused.Add(new Dictionary<string, object?>
            {
                ["resource"] = lane.Name,
                ["device"] = report.Device,
                ["violations"] = report.Violations.Select(TaskViews.From).ToList(),
            });
        }
        throw TaskAdmission.Refuse(ErrorCodes.Placement.NoAdmissibleResource,
            $"the circuit is inadmissible on every resource the requirement may choose ({string.Join(", ", possible.Select(l => l.Name))})",
            new Dictionary<string, object?> { ["refused"] = refused });
    }

    /// <summary>
    /// A requirement without a device may only ever select simulator pools (400 <see cref="ErrorCodes.Placement.DeviceRequired"/>):
    /// it is read against a resource of every other kind, a QPU of any size or a cpu or gpu pool, registered now or
    /// later, with <see cref="PossiblyMatches"/>, so only a definite FALSE or ERROR on `kind` lets it through.
    /// </summary>
    public void CheckSimulatorOnly(Requirement requirement)
    {
        var now = time.GetUtcNow();
        var others = OtherKinds.Where(kind => PossiblyMatches(requirement, AnyOf(kind, now), now)).ToList();
        if (others.Count == 0) return;
        throw TaskAdmission.Refuse(ErrorCodes.Placement.DeviceRequired,
            $"without 'device' a task runs only on simulator pools, but the requirement may select a {string.Join(" or ", others)} resource: " +
            "give 'device' (the snapshot a QPU runs and transpiles against) or restrict it with select[kind=='sim']",
            new Dictionary<string, object?> { ["kinds"] = others });
    }

    /// <summary>
    /// A command task's requirement may only ever select pools, of any kind (400 <see cref="ErrorCodes.Command.PoolRequired"/>):
    /// read against a QPU known by its kind alone, as <see cref="CheckSimulatorOnly"/> reads the other kinds.
    /// </summary>
    public void CheckPoolsOnly(Requirement requirement)
    {
        var now = time.GetUtcNow();
        if (!PossiblyMatches(requirement, AnyOf("qpu", now), now)) return;
        throw TaskAdmission.Refuse(ErrorCodes.Command.PoolRequired,
            "a command runs on a pool, never a QPU, but the requirement may select a qpu resource: restrict it with select[kind=='cpu'] (or 'sim', 'gpu')",
            new Dictionary<string, object?> { ["kinds"] = new[] { "qpu" } });
    }

    private static readonly string[] OtherKinds = ["qpu", .. PoolDeclaration.Kinds.Where(k => k != "sim")];

    /// <summary>A resource of <paramref name="kind"/> known by its kind alone: any size, any load.</summary>
    private static LaneCandidate AnyOf(string kind, DateTimeOffset now) =>
        new($"any {kind}", true, new Dictionary<string, IndexSample>(StringComparer.Ordinal)
        {
            [BuiltInIndices.Kind.Name] = new IndexSample(IndexValue.Of(kind), now, Timeout.InfiniteTimeSpan),
        });

    private AdmissibilityReport? OnDevice(string name, Circuit circuit, bool transpile) =>
        devices.Current(name) is { } device ? OnSnapshot(circuit, device.Snapshot, transpile) : null;

    /// <summary>The circuit checked on one QPU's snapshot, logical (to be transpiled) or as written.</summary>
    public static AdmissibilityReport OnSnapshot(Circuit circuit, DeviceSnapshot snapshot, bool transpile)
    {
        if (circuit.NumQubits > snapshot.NumQubits)
            return new AdmissibilityReport(snapshot.Device,
                [new AdmissibilityViolation(ViolationKind.QubitOutOfRange, null, null, $"the circuit uses {circuit.NumQubits} qubits; {snapshot.Device} has {snapshot.NumQubits}")], 0);
        return transpile ? Admissibility.CheckLogical(circuit, snapshot) : Admissibility.Check(circuit, snapshot);
    }

    /// <summary>
    /// Whether some alternative could select the resource at some time: only static indices are read, every other one is
    /// UNDEFINED, and UNDEFINED counts as possibly true (three-valued: a definite false or ERROR excludes it).
    /// </summary>
    public static bool PossiblyMatches(Requirement requirement, LaneCandidate lane, DateTimeOffset now)
    {
        var fixedOnly = lane with { Indices = lane.Indices.Where(i => StaticIndices.Contains(i.Key)).ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal) };
        return requirement.Alternatives.Any(a => a.Requirement.Select is not { } select
            || Evaluator.Evaluate(select, fixedOnly, now) is var value && (value.IsTrue || value.Kind == ValueKind.Undefined));
    }
}
