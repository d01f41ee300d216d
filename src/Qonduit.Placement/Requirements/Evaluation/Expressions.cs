using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Placement.Requirements.Evaluation;

/// <summary>
/// Evaluates an expression of the language in any <see cref="IExpressionScope"/>, with ClassAds' three-valued logic:
/// UNDEFINED and ERROR propagate through arithmetic and comparisons, ERROR first; a string in arithmetic or a division
/// by zero is ERROR; `UNDEFINED &amp;&amp; FALSE` is FALSE and `UNDEFINED || TRUE` TRUE; `=?=` and `=!=` always answer 1 or 0.
/// Generic over the scope so a lane's scope (a struct) costs no allocation per evaluation.
/// </summary>
public static class Expressions
{
    public static Value Evaluate<TScope>(Expr expression, in TScope scope) where TScope : IExpressionScope => expression switch
    {
        NumberLiteral n => Value.Of(n.Value),
        StringLiteral s => Value.Of(s.Value),
        IndexRef r => scope.Read(r.Name),
        Unary u => Unary(u.Operator, Evaluate(u.Operand, scope)),
        Binary { Operator: BinaryOperator.And } b => And(b, scope),
        Binary { Operator: BinaryOperator.Or } b => Or(b, scope),
        Binary b => Binary(b.Operator, Evaluate(b.Left, scope), Evaluate(b.Right, scope)),
        Call c => Call(c, scope),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression, "not an expression of the requirement language"),
    };

    /// <summary>Every name the expression reads, functions' arguments included, in the order written.</summary>
    public static IEnumerable<IndexRef> Names(Expr expression) => expression switch
    {
        IndexRef r => [r],
        Unary u => Names(u.Operand),
        Binary b => Names(b.Left).Concat(Names(b.Right)),
        Call c => c.Arguments.SelectMany(Names),
        _ => [],
    };

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

    private static Value And<TScope>(Binary and, in TScope scope) where TScope : IExpressionScope
    {
        var left = Truth(Evaluate(and.Left, scope));
        if (left == Value.False) return Value.False;
        if (left.Kind == ValueKind.Error) return Value.Error;
        var right = Truth(Evaluate(and.Right, scope));
        if (right == Value.False) return Value.False;
        if (right.Kind == ValueKind.Error) return Value.Error;
        return left.Kind == ValueKind.Undefined || right.Kind == ValueKind.Undefined ? Value.Undefined : Value.True;
    }

    private static Value Or<TScope>(Binary or, in TScope scope) where TScope : IExpressionScope
    {
        var left = Truth(Evaluate(or.Left, scope));
        if (left == Value.True) return Value.True;
        if (left.Kind == ValueKind.Error) return Value.Error;
        var right = Truth(Evaluate(or.Right, scope));
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

    private static Value Call<TScope>(Call call, in TScope scope) where TScope : IExpressionScope
    {
        switch (call.Function)
        {
            case Function.Defined:
                return Value.Of(scope.IsDefined(((IndexRef)call.Arguments[0]).Name));
            case Function.Age:
                return scope.Age(((IndexRef)call.Arguments[0]).Name);
            case Function.IfDef:
            {
                var value = scope.Read(((IndexRef)call.Arguments[0]).Name);
                return value.Kind == ValueKind.Undefined ? Evaluate(call.Arguments[1], scope) : value;
            }
            case Function.Abs:
            {
                var value = Numeric(Evaluate(call.Arguments[0], scope));
                return value.Kind == ValueKind.Number ? Value.Of(Math.Abs(value.Number)) : value;
            }
            default:
                return Extreme(call, scope);
        }
    }

    private static Value Extreme<TScope>(Call call, in TScope scope) where TScope : IExpressionScope
    {
        var result = Value.Undefined;
        var undefined = false;
        foreach (var argument in call.Arguments)
        {
            var value = Numeric(Evaluate(argument, scope));
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
