namespace Qonduit.Placement.Requirements.Syntax;

/// <summary>An expression of select[] or an order[] key; <see cref="Column"/> is 1-based, where it starts in the text.</summary>
public abstract record Expr(int Column);

public sealed record NumberLiteral(double Value, int Column) : Expr(Column);

public sealed record StringLiteral(string Value, int Column) : Expr(Column);

public sealed record IndexRef(string Name, int Column) : Expr(Column);

public enum UnaryOperator
{
    Negate,
    Not,
}

public sealed record Unary(UnaryOperator Operator, Expr Operand, int Column) : Expr(Column);

public enum BinaryOperator
{
    Or,
    And,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    Identical,
    NotIdentical,
    Add,
    Subtract,
    Multiply,
    Divide,
}

public sealed record Binary(BinaryOperator Operator, Expr Left, Expr Right, int Column) : Expr(Column);

public enum Function
{
    Defined,
    Age,
    IfDef,
    Min,
    Max,
    Abs,
}

/// <summary>A call; for defined, age and ifdef the first argument is an <see cref="IndexRef"/> (the grammar takes a name).</summary>
public sealed record Call(Function Function, IReadOnlyList<Expr> Arguments, int Column) : Expr(Column);

/// <summary>An order[] key; <see cref="Reversed"/> is the leading `-` that flips the index's direction.</summary>
public sealed record OrderKey(bool Reversed, Expr Key);

/// <summary>One rusage[] use: amounts of consumable indices reserved together for <see cref="Duration"/> (null: until the task ends).</summary>
public sealed record ResourceUse(IReadOnlyList<ResourceAmount> Amounts, TimeSpan? Duration, bool Decay, int Column);

public sealed record ResourceAmount(string Index, double Amount, int Column);

public enum SpanKind
{
    Lanes,
    PerTile,
}

public sealed record SpanClause(SpanKind Kind, int Value, int Column);

public sealed record SameClause(IReadOnlyList<string> Indices, int Column);

/// <summary>One alternative's sections (LSF's simple requirement); a missing select[] selects every candidate.</summary>
public sealed record SimpleRequirement(Expr? Select, IReadOnlyList<OrderKey> Order, IReadOnlyList<ResourceUse> Usage, SpanClause? Span, SameClause? Same);

/// <summary>`{simple}@delay`: considered only after the alternatives before it found no candidate for <see cref="Delay"/>.</summary>
public sealed record Alternative(SimpleRequirement Requirement, TimeSpan Delay, int Column);

/// <summary>A parsed requirement: its alternatives in the order written.</summary>
public sealed record Requirement(IReadOnlyList<Alternative> Alternatives, string Text)
{
    /// <summary>Sections parsed but not placed by yet (span[], same[]), with their columns; the server refuses them.</summary>
    public IReadOnlyList<(string Section, int Column)> UnsupportedSections
    {
        get
        {
            var found = new List<(string, int)>();
            foreach (var simple in Alternatives.Select(a => a.Requirement))
            {
                if (simple.Span is { } span) found.Add(("span[]", span.Column));
                if (simple.Same is { } same) found.Add(("same[]", same.Column));
            }
            return found;
        }
    }
}
