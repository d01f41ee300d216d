using System.Globalization;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using static Qonduit.Circuits.Expressions.ParameterExpression;

namespace Qonduit.Circuits.Qasm;

/// <summary>
/// Writes an expression so that the parser rebuilds the same tree: parentheses wherever precedence or
/// associativity would regroup it, doubles in shortest round-trip form ("R").
/// </summary>
internal static class ExpressionPrinter
{
    private const int AdditiveLevel = 1;
    private const int MultiplicativeLevel = 2;
    private const int UnaryLevel = 3;
    private const int PowerLevel = 4;
    private const int PrimaryLevel = 5;

    public static string Print(ParameterExpression e, QasmDialect dialect) => Print(e, dialect, 0);

    public static string Number(double value)
    {
        if (double.IsNaN(value)) return "(0/0)";
        if (double.IsPositiveInfinity(value)) return "(1/0)";
        if (double.IsNegativeInfinity(value)) return "(-1/0)";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = text.IndexOf('E', StringComparison.Ordinal);
        // OpenQASM 2's real literal needs a decimal point before an exponent.
        return exponent >= 0 && !text.Contains('.', StringComparison.Ordinal) ? text.Insert(exponent, ".0") : text;
    }

    private static string Print(ParameterExpression e, QasmDialect dialect, int context)
    {
        var (text, level) = e switch
        {
            Constant c => (Number(c.Value), c.Value < 0 || (c.Value == 0 && double.IsNegative(c.Value)) ? UnaryLevel : PrimaryLevel),
            Pi => ("pi", PrimaryLevel),
            Symbol s => (s.Name, PrimaryLevel),
            ParameterExpression.Negate n => ("-" + Print(n.Operand, dialect, PowerLevel), UnaryLevel),
            Binary b => PrintBinary(b, dialect),
            Call c => ($"{FunctionName(c.Function)}({Print(c.Argument, dialect, 0)})", PrimaryLevel),
            _ => throw new InvalidOperationException("unreachable"),
        };
        return level < context ? $"({text})" : text;
    }

    private static (string, int) PrintBinary(Binary b, QasmDialect dialect)
    {
        if (b.Operator == BinaryOperator.Power)
        {
            var op = dialect == QasmDialect.OpenQasm2 ? " ^ " : " ** ";
            return (Print(b.Left, dialect, PrimaryLevel) + op + Print(b.Right, dialect, PowerLevel), PowerLevel);
        }
        var (symbol, level) = b.Operator switch
        {
            BinaryOperator.Add => (" + ", AdditiveLevel),
            BinaryOperator.Subtract => (" - ", AdditiveLevel),
            BinaryOperator.Multiply => (" * ", MultiplicativeLevel),
            _ => (" / ", MultiplicativeLevel),
        };
        return (Print(b.Left, dialect, level) + symbol + Print(b.Right, dialect, level + 1), level);
    }

    private static string FunctionName(UnaryFunction f) => f switch
    {
        UnaryFunction.Sin => "sin",
        UnaryFunction.Cos => "cos",
        UnaryFunction.Tan => "tan",
        UnaryFunction.Exp => "exp",
        UnaryFunction.Ln => "ln",
        _ => "sqrt",
    };
}
