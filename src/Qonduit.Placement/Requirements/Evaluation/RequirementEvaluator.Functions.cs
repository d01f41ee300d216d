using Qonduit.Placement.Indices;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Placement.Requirements.Evaluation;

public sealed partial class RequirementEvaluator
{
    private Value Call(Call call, LaneCandidate lane, DateTimeOffset now)
    {
        switch (call.Function)
        {
            case Function.Defined:
            {
                var name = ((IndexRef)call.Arguments[0]).Name;
                return Value.Of(lane.Indices.TryGetValue(name, out var sample) && Staleness.Of(sample, now) == Freshness.Fresh);
            }
            case Function.Age:
            {
                // Age stays readable while the value is stale: it is how a requirement says how stale it tolerates.
                var name = ((IndexRef)call.Arguments[0]).Name;
                return lane.Indices.TryGetValue(name, out var sample) && Staleness.Of(sample, now) != Freshness.Dropped
                    ? Value.Of((now - sample.ReceivedAt).TotalSeconds)
                    : Value.Undefined;
            }
            case Function.IfDef:
            {
                var value = Read(((IndexRef)call.Arguments[0]).Name, lane, now);
                return value.Kind == ValueKind.Undefined ? Evaluate(call.Arguments[1], lane, now) : value;
            }
            case Function.Abs:
            {
                var value = Numeric(Evaluate(call.Arguments[0], lane, now));
                return value.Kind == ValueKind.Number ? Value.Of(Math.Abs(value.Number)) : value;
            }
            default:
                return Extreme(call, lane, now);
        }
    }

    private Value Extreme(Call call, LaneCandidate lane, DateTimeOffset now)
    {
        var result = Value.Undefined;
        var undefined = false;
        foreach (var argument in call.Arguments)
        {
            var value = Numeric(Evaluate(argument, lane, now));
            if (value.Kind == ValueKind.Error) return Value.Error;
            if (value.Kind == ValueKind.Undefined) { undefined = true; continue; }
            if (result.Kind == ValueKind.Undefined
                || (call.Function == Function.Min ? value.Number < result.Number : value.Number > result.Number))
                result = value;
        }
        return undefined ? Value.Undefined : result;
    }

    /// <summary>A number, UNDEFINED or ERROR: a string where a number is needed is ERROR.</summary>
    private static Value Numeric(Value value) => value.Kind == ValueKind.String ? Value.Error : value;
}
