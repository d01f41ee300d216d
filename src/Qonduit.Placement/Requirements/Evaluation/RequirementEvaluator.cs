using Qonduit.Placement.Indices;
using Qonduit.Placement.Requirements.Reservations;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Placement.Requirements.Evaluation;

/// <summary>
/// Evaluates requirement expressions against one lane's indices at a given time (<see cref="Expressions"/>' logic):
/// a missing or stale index is UNDEFINED, an absent Boolean tag 0 (LSF).
/// A consumable index reads as reported minus what <paramref name="reservations"/> holds on the lane.
/// </summary>
public sealed partial class RequirementEvaluator(IndexCatalog catalog, ReservationLedger? reservations = null)
{
    public bool Selects(SimpleRequirement requirement, LaneCandidate lane, DateTimeOffset now) =>
        requirement.Select is null || Evaluate(requirement.Select, lane, now).IsTrue;

    public Value Evaluate(Expr expression, LaneCandidate lane, DateTimeOffset now) => Expressions.Evaluate(expression, new LaneScope(this, lane, now));

    /// <summary>An index as placement sees it on <paramref name="lane"/> at <paramref name="now"/>.</summary>
    public Value Read(string name, LaneCandidate lane, DateTimeOffset now)
    {
        var declaration = catalog.Find(name);
        if (lane.Indices.TryGetValue(name, out var sample))
        {
            var freshness = Staleness.Of(sample, now);
            if (freshness == Freshness.Stale) return Value.Undefined;
            if (freshness == Freshness.Fresh)
            {
                if (sample.Value.Text is { } text) return Value.Of(text);
                var reserved = declaration is { Consumable: true } && reservations is not null
                    ? reservations.Reserved(lane.LaneId, name, now)
                    : 0;
                return Value.Of(sample.Value.Number - reserved);
            }
        }
        return declaration?.Type == IndexType.Boolean ? Value.False : Value.Undefined;
    }

    /// <summary>A lane's indices at one moment, as the expression's names read them.</summary>
    private readonly struct LaneScope(RequirementEvaluator evaluator, LaneCandidate lane, DateTimeOffset now) : IExpressionScope
    {
        public Value Read(string name) => evaluator.Read(name, lane, now);

        public bool IsDefined(string name) => lane.Indices.TryGetValue(name, out var sample) && Staleness.Of(sample, now) == Freshness.Fresh;

        // Age stays readable while the value is stale: it is how a requirement says how stale it tolerates.
        public Value Age(string name) => lane.Indices.TryGetValue(name, out var sample) && Staleness.Of(sample, now) != Freshness.Dropped
            ? Value.Of((now - sample.ReceivedAt).TotalSeconds)
            : Value.Undefined;
    }
}
