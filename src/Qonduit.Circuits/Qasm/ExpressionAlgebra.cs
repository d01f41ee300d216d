using Qonduit.Circuits.Expressions;
using static Qonduit.Circuits.Expressions.ParameterExpression;

namespace Qonduit.Circuits.Qasm;

/// <summary>
/// Building and rewriting <see cref="ParameterExpression"/>s the way the parser does: every constant subtree is folded
/// to one <see cref="Constant"/> (a bare `pi` stays <see cref="Pi"/>), so that the printed form of an expression parses
/// back to the same tree.
/// </summary>
internal static class ExpressionAlgebra
{
    public static ParameterExpression Combine(BinaryOperator op, ParameterExpression left, ParameterExpression right) =>
        Fold(new Binary(op, left, right));

    public static ParameterExpression Apply(UnaryFunction function, ParameterExpression argument) => Fold(new Call(function, argument));

    public static ParameterExpression Negate(ParameterExpression operand) => Fold(new ParameterExpression.Negate(operand));

    /// <summary>Sum that starts from "nothing yet" (<c>null</c>) so a single term is kept as it is.</summary>
    public static ParameterExpression Add(ParameterExpression? sum, ParameterExpression term) =>
        sum is null ? term : Combine(BinaryOperator.Add, sum, term);

    /// <summary>Replaces symbols by expressions (gate parameters by call arguments) and folds what became constant.</summary>
    public static ParameterExpression Substitute(ParameterExpression e, IReadOnlyDictionary<string, ParameterExpression> values) => e switch
    {
        Symbol s => values.TryGetValue(s.Name, out var v) ? v : s,
        ParameterExpression.Negate n => Negate(Substitute(n.Operand, values)),
        Binary b => Combine(b.Operator, Substitute(b.Left, values), Substitute(b.Right, values)),
        Call c => Apply(c.Function, Substitute(c.Argument, values)),
        _ => e,
    };

    /// <summary>Depth of the tree, counting stops once past <paramref name="cap"/> so hostile trees cost little.</summary>
    public static int Depth(ParameterExpression e, int cap) => cap < 0 ? 1 : e switch
    {
        ParameterExpression.Negate n => 1 + Depth(n.Operand, cap - 1),
        Binary b => 1 + Math.Max(Depth(b.Left, cap - 1), Depth(b.Right, cap - 1)),
        Call c => 1 + Depth(c.Argument, cap - 1),
        _ => 1,
    };

    public static bool TryInteger(ParameterExpression e, out long value)
    {
        value = 0;
        if (!e.IsConstant) return false;
        var v = e.Evaluate();
        if (!double.IsFinite(v) || Math.Abs(v - Math.Round(v)) > 1e-9 || Math.Abs(v) > 1e15) return false;
        value = (long)Math.Round(v);
        return true;
    }

    /// <summary>Nodes of the tree as walked (shared subtrees count each time), counting stops once past <paramref name="cap"/>.</summary>
    public static int Size(ParameterExpression e, int cap)
    {
        var count = 0;
        Visit(e);
        return count;

        void Visit(ParameterExpression node)
        {
            if (++count > cap) return;
            switch (node)
            {
                case ParameterExpression.Negate n: Visit(n.Operand); break;
                case Binary b: Visit(b.Left); Visit(b.Right); break;
                case Call c: Visit(c.Argument); break;
            }
        }
    }

    // Children are already folded, so a node is constant exactly when its children are literals: O(1), not a tree walk.
    private static ParameterExpression Fold(ParameterExpression e)
    {
        var constant = e switch
        {
            Binary b => IsLiteral(b.Left) && IsLiteral(b.Right),
            ParameterExpression.Negate n => IsLiteral(n.Operand),
            Call c => IsLiteral(c.Argument),
            _ => false,
        };
        return constant ? new Constant(e.Evaluate()) : e;
    }

    private static bool IsLiteral(ParameterExpression e) => e is Constant or Pi;
}
