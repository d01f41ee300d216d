namespace Qonduit.Circuits.Expressions;

/// <summary>Finds a NaN or infinite constant in a folded expression (a symbolic one keeps its constants as leaves).</summary>
internal static class NonFinite
{
    public static double? Find(ParameterExpression e) => e switch
    {
        ParameterExpression.Constant c => double.IsFinite(c.Value) ? null : c.Value,
        ParameterExpression.Negate n => Find(n.Operand),
        ParameterExpression.Binary b => Find(b.Left) ?? Find(b.Right),
        ParameterExpression.Call c => Find(c.Argument),
        _ => null,
    };
}
