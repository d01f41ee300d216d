using Qonduit.Placement.Indices;
using Qonduit.Placement.Requirements.Reservations;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Placement.Requirements.Evaluation;

/// <summary>
/// Evaluates requirement expressions against one lane's indices at a given time, with ClassAds' three-valued logic:
/// a missing or stale index is UNDEFINED, an absent Boolean tag 0 (LSF); UNDEFINED and ERROR propagate through
/// arithmetic and comparisons, ERROR first; a string in arithmetic or a division by zero is ERROR;
/// `UNDEFINED &amp;&amp; FALSE` is FALSE and `UNDEFINED || TRUE` TRUE; `=?=` and `=!=` always answer 1 or 0.
/// A consumable index reads as reported minus what <paramref name="reservations"/> holds on the lane.
/// </summary>
public sealed partial class RequirementEvaluator(IndexCatalog catalog, ReservationLedger? reservations = null)
{
    public bool Selects(SimpleRequirement requirement, LaneCandidate lane, DateTimeOffset now) =>
        requirement.Select is null || Evaluate(requirement.Select, lane, now).IsTrue;

    public Value Evaluate(Expr expression, LaneCandidate lane, DateTimeOffset now) => expression switch
    {
        NumberLiteral n => Value.Of(n.Value),
        StringLiteral s => Value.Of(s.Value),
        IndexRef r => Read(r.Name, lane, now),
        Unary u => Unary(u.Operator, Evaluate(u.Operand, lane, now)),
        Binary { Operator: BinaryOperator.And } b => And(b, lane, now),
        Binary { Operator: BinaryOperator.Or } b => Or(b, lane, now),
        Binary b => Binary(b.Operator, Evaluate(b.Left, lane, now), Evaluate(b.Right, lane, now)),
        Call c => Call(c, lane, now),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression, "not an expression of the requirement language"),
    };

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

    private static Value Unary(UnaryOperator op, Value operand)
    {
        if (operand.Kind is ValueKind.Error or ValueKind.Undefined) return operand;
        if (operand.Kind == ValueKind.String) return Value.Error;
        return op == UnaryOperator.Negate ? Value.Of(-operand.Number) : Value.Of(operand.Number == 0);
    }

    /// <summary>Truth for the logical operators: a string has none (ERROR).</summary>
    private static Value Truth(Value value) => value.Kind switch
    {
        ValueKind.Number => Value.Of(value.Number != 0),
        ValueKind.String => Value.Error,
        _ => value,
    };

    private Value And(Binary and, LaneCandidate lane, DateTimeOffset now)
    {
        var left = Truth(Evaluate(and.Left, lane, now));
        if (left == Value.False) return Value.False;
        if (left.Kind == ValueKind.Error) return Value.Error;
        var right = Truth(Evaluate(and.Right, lane, now));
        if (right == Value.False) return Value.False;
        if (right.Kind == ValueKind.Error) return Value.Error;
        return left.Kind == ValueKind.Undefined || right.Kind == ValueKind.Undefined ? Value.Undefined : Value.True;
    }

    private Value Or(Binary or, LaneCandidate lane, DateTimeOffset now)
    {
        var left = Truth(Evaluate(or.Left, lane, now));
        if (left == Value.True) return Value.True;
        if (left.Kind == ValueKind.Error) return Value.Error;
        var right = Truth(Evaluate(or.Right, lane, now));
        if (right == Value.True) return Value.True;
        if (right.Kind == ValueKind.Error) return Value.Error;
        return left.Kind == ValueKind.Undefined || right.Kind == ValueKind.Undefined ? Value.Undefined : Value.False;
    }

    private static Value Binary(BinaryOperator op, Value left, Value right)
    {
        if (op is BinaryOperator.Identical or BinaryOperator.NotIdentical)
        {
            var identical = left.Kind == right.Kind && left.Number.Equals(right.Number) && string.Equals(left.Text, right.Text, StringComparison.Ordinal);
            return Value.Of(identical == (op == BinaryOperator.Identical));
        }
        if (left.Kind == ValueKind.Error || right.Kind == ValueKind.Error) return Value.Error;
        if (left.Kind == ValueKind.Undefined || right.Kind == ValueKind.Undefined) return Value.Undefined;
        if (left.Kind != right.Kind) return Value.Error;
        if (left.Kind == ValueKind.String)
        {
            // Case-sensitive (ours; ClassAds' == ignores case); strings have no arithmetic.
            var order = string.CompareOrdinal(left.Text, right.Text);
            return Compare(op, order) is { } truth ? Value.Of(truth) : Value.Error;
        }
        return op switch
        {
            BinaryOperator.Add => Value.Of(left.Number + right.Number),
            BinaryOperator.Subtract => Value.Of(left.Number - right.Number),
            BinaryOperator.Multiply => Value.Of(left.Number * right.Number),
            BinaryOperator.Divide => right.Number == 0 ? Value.Error : Value.Of(left.Number / right.Number),
            _ => Value.Of(Compare(op, left.Number.CompareTo(right.Number))!.Value),
        };
    }

    private static bool? Compare(BinaryOperator op, int order) => op switch
    {
        BinaryOperator.Less => order < 0,
        BinaryOperator.LessOrEqual => order <= 0,
        BinaryOperator.Greater => order > 0,
        BinaryOperator.GreaterOrEqual => order >= 0,
        BinaryOperator.Equal => order == 0,
        BinaryOperator.NotEqual => order != 0,
        _ => null,
    };
}
