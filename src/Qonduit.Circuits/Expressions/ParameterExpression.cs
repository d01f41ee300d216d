using System.Collections.Immutable;

namespace Qonduit.Circuits.Expressions;

/// <summary>
/// A gate parameter: a closed union of constants, pi, named symbols (bound later) and arithmetic.
/// Kept symbolic so that `input float[64] theta;` circuits can be bound per run without re-parsing.
/// </summary>
public abstract record ParameterExpression
{
    private ParameterExpression() { }

    public sealed record Constant(double Value) : ParameterExpression;
    public sealed record Pi : ParameterExpression;
    public sealed record Symbol(string Name) : ParameterExpression;
    public sealed record Negate(ParameterExpression Operand) : ParameterExpression;
    public sealed record Binary(BinaryOperator Operator, ParameterExpression Left, ParameterExpression Right) : ParameterExpression;
    public sealed record Call(UnaryFunction Function, ParameterExpression Argument) : ParameterExpression;

    public static ParameterExpression Of(double value) => new Constant(value);

    public bool IsConstant => this switch
    {
        Constant or Pi => true,
        Symbol => false,
        Negate n => n.Operand.IsConstant,
        Binary b => b.Left.IsConstant && b.Right.IsConstant,
        Call c => c.Argument.IsConstant,
        _ => false,
    };

    /// <summary>Evaluates with every symbol bound; an unbound symbol is a <see cref="UnboundParameterException"/>.</summary>
    public double Evaluate(IReadOnlyDictionary<string, double>? bindings = null) => this switch
    {
        Constant c => c.Value,
        Pi => Math.PI,
        Symbol s => bindings is not null && bindings.TryGetValue(s.Name, out var v) ? v : throw new UnboundParameterException(s.Name),
        Negate n => -n.Operand.Evaluate(bindings),
        Binary b => Apply(b.Operator, b.Left.Evaluate(bindings), b.Right.Evaluate(bindings)),
        Call c => Apply(c.Function, c.Argument.Evaluate(bindings)),
        _ => throw new InvalidOperationException("unreachable"),
    };

    /// <summary>Replaces bound symbols by constants and folds what became constant.</summary>
    public ParameterExpression Bind(IReadOnlyDictionary<string, double> bindings) => this switch
    {
        Symbol s when bindings.TryGetValue(s.Name, out var v) => new Constant(v),
        Negate n => Fold(new Negate(n.Operand.Bind(bindings))),
        Binary b => Fold(new Binary(b.Operator, b.Left.Bind(bindings), b.Right.Bind(bindings))),
        Call c => Fold(new Call(c.Function, c.Argument.Bind(bindings))),
        _ => this,
    };

    /// <summary>Symbols that occur in the expression, in first-occurrence order.</summary>
    public ImmutableArray<string> Symbols()
    {
        var names = ImmutableArray.CreateBuilder<string>();
        Collect(this, names);
        return names.ToImmutable();

        static void Collect(ParameterExpression e, ImmutableArray<string>.Builder into)
        {
            switch (e)
            {
                case Symbol s when !into.Contains(s.Name): into.Add(s.Name); break;
                case Negate n: Collect(n.Operand, into); break;
                case Binary b: Collect(b.Left, into); Collect(b.Right, into); break;
                case Call c: Collect(c.Argument, into); break;
            }
        }
    }

    private static ParameterExpression Fold(ParameterExpression e) => e.IsConstant ? new Constant(e.Evaluate()) : e;

    private static double Apply(BinaryOperator op, double l, double r) => op switch
    {
        BinaryOperator.Add => l + r,
        BinaryOperator.Subtract => l - r,
        BinaryOperator.Multiply => l * r,
        BinaryOperator.Divide => l / r,
        BinaryOperator.Power => Math.Pow(l, r),
        _ => throw new InvalidOperationException("unreachable"),
    };

    private static double Apply(UnaryFunction f, double x) => f switch
    {
        UnaryFunction.Sin => Math.Sin(x),
        UnaryFunction.Cos => Math.Cos(x),
        UnaryFunction.Tan => Math.Tan(x),
        UnaryFunction.Exp => Math.Exp(x),
        UnaryFunction.Ln => Math.Log(x),
        UnaryFunction.Sqrt => Math.Sqrt(x),
        _ => throw new InvalidOperationException("unreachable"),
    };

    public static ParameterExpression operator +(ParameterExpression l, ParameterExpression r) => Fold(new Binary(BinaryOperator.Add, l, r));
    public static ParameterExpression operator -(ParameterExpression l, ParameterExpression r) => Fold(new Binary(BinaryOperator.Subtract, l, r));
    public static ParameterExpression operator *(ParameterExpression l, ParameterExpression r) => Fold(new Binary(BinaryOperator.Multiply, l, r));
    public static ParameterExpression operator /(ParameterExpression l, ParameterExpression r) => Fold(new Binary(BinaryOperator.Divide, l, r));
    public static ParameterExpression operator -(ParameterExpression e) => Fold(new Negate(e));
    public static implicit operator ParameterExpression(double value) => new Constant(value);
}

public enum BinaryOperator { Add, Subtract, Multiply, Divide, Power }

public enum UnaryFunction { Sin, Cos, Tan, Exp, Ln, Sqrt }

public sealed class UnboundParameterException(string name)
    : InvalidOperationException($"parameter '{name}' has no value; bind it before running the circuit")
{
    public string ParameterName { get; } = name;
}
