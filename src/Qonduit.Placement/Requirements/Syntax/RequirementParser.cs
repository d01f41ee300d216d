using Qonduit.Errors;
using Qonduit.Placement.Indices;

namespace Qonduit.Placement.Requirements.Syntax;

/// <summary>
/// The requirement language of docs/orchestration.md (LSF select/order/rusage/span/same, alternatives with a delay), by
/// recursive descent. Bounded: the text is at most <see cref="MaxLength"/> characters, nests at most
/// <see cref="MaxDepth"/> levels (parentheses and unary operators) and holds at most <see cref="MaxOperators"/> binary
/// operators, so a hostile requirement costs bounded time and stack to parse and to evaluate.
/// Every refusal is a <see cref="RequirementException"/> with `requirement.syntax` and the 1-based column.
/// </summary>
public static partial class RequirementParser
{
    public const int MaxLength = 4096;
    public const int MaxDepth = 64;

    /// <summary>Binary operators in the whole requirement: a chain `a+a+…` nests one level per operator when evaluated.</summary>
    public const int MaxOperators = 256;

    /// <summary>The longest duration `@T` and `:duration=` accept; longer means "never" and is better left out.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    private static readonly string[] Sections = ["select", "order", "rusage", "span", "same"];

    public static Requirement Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
            throw Lexer.Syntax(MaxLength + 1, $"the requirement is longer than {MaxLength} characters");
        if (string.IsNullOrWhiteSpace(text)) throw Lexer.Syntax(1, "the requirement is empty");
        var parser = new Cursor(Lexer.Tokenize(text));
        var alternatives = new List<Alternative> { parser.Alternative() };
        while (parser.Accept("||")) alternatives.Add(parser.Alternative());
        if (parser.Peek.Kind != TokenKind.End)
            throw Lexer.Syntax(parser.Peek.Column, $"expected '||' or the end of the requirement, found {parser.Peek.Describe()}");
        return new Requirement(alternatives, text);
    }

    /// <summary>
    /// One expression of the language alone (select[]'s grammar), whose names may be dotted paths: how the service graphs
    /// write `depends`, loop conditions and parameters (docs/orchestration.md §4), with the same bounds and refusals.
    /// </summary>
    public static Expr ParseExpression(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
            throw Lexer.Syntax(MaxLength + 1, $"the expression is longer than {MaxLength} characters");
        if (string.IsNullOrWhiteSpace(text)) throw Lexer.Syntax(1, "the expression is empty");
        var parser = new Cursor(Lexer.Tokenize(text, dottedNames: true), paths: true);
        var expression = parser.Expression();
        if (parser.Peek.Kind != TokenKind.End)
            throw Lexer.Syntax(parser.Peek.Column, $"expected an operator or the end of the expression, found {parser.Peek.Describe()}");
        return expression;
    }

    /// <param name="paths">Names are dotted paths whose reader checks them (a graph), not index names.</param>
    private sealed partial class Cursor(List<Token> tokens, bool paths = false)
    {
        private int _position;
        private int _depth;
        private int _operators;

        public Token Peek => tokens[_position];

        private Token PeekAt(int ahead) => tokens[Math.Min(_position + ahead, tokens.Count - 1)];

        private Token Next() => tokens[_position < tokens.Count - 1 ? _position++ : _position];

        public bool Accept(string symbol)
        {
            if (!Peek.Is(symbol)) return false;
            _position++;
            return true;
        }

        private Token Expect(string symbol, string what)
        {
            if (!Peek.Is(symbol)) throw Lexer.Syntax(Peek.Column, $"expected '{symbol}' {what}, found {Peek.Describe()}");
            return Next();
        }

        public Alternative Alternative()
        {
            var column = Peek.Column;
            if (!Accept("{")) return new Alternative(Simple(), TimeSpan.Zero, column);
            var simple = Simple();
            Expect("}", "to close the alternative opened at column " + column);
            var delay = Accept("@") ? Duration("after '@'") : TimeSpan.Zero;
            return new Alternative(simple, delay, column);
        }

        private SimpleRequirement Simple()
        {
            var start = Peek;
            Expr? select = null;
            var order = new List<OrderKey>();
            var usage = new List<ResourceUse>();
            SpanClause? span = null;
            SameClause? same = null;
            var next = 0;
            if (SectionAhead() is null && Peek.Kind != TokenKind.End && !Peek.Is("}") && !Peek.Is("||"))
                (select, next) = (Expression(), 1);
            while (SectionAhead() is { } section)
            {
                var token = Next();
                if (section < next)
                    throw Lexer.Syntax(token.Column, $"{token.Text}[] is out of place: each section comes at most once, in the order select[] order[] rusage[] span[] same[]");
                Next();
                switch (section)
                {
                    case 0: select = Expression(); break;
                    case 1: Keys(order); break;
                    case 2: Uses(usage); break;
                    case 3: span = Span(token.Column); break;
                    default: same = Same(token.Column); break;
                }
                Expect("]", $"to close {token.Text}[");
                next = section + 1;
            }
            if (next == 0)
                throw Lexer.Syntax(start.Column, $"expected an expression or a section (select[ order[ rusage[ span[ same[), found {start.Describe()}");
            return new SimpleRequirement(select, order, usage, span, same);
        }

        /// <summary>The index in <see cref="Sections"/> of a `name[` ahead; a section word without `[` is an index name.</summary>
        private int? SectionAhead() =>
            Peek.Kind == TokenKind.Name && PeekAt(1).Is("[") && Array.IndexOf(Sections, Peek.Text) is >= 0 and var index ? index : null;

        private void Keys(List<OrderKey> keys)
        {
            do
            {
                var reversed = Accept("-");
                Expr key;
                if (Accept("("))
                {
                    key = Expression();
                    Expect(")", "to close the order key");
                }
                else key = Name("an index name or a parenthesised expression as an order key");
                keys.Add(new OrderKey(reversed, key));
            }
            while (Accept(":"));
        }

        private void Uses(List<ResourceUse> uses)
        {
            do uses.Add(Use());
            while (Accept(","));
        }

        private ResourceUse Use()
        {
            var column = Peek.Column;
            var amounts = new List<ResourceAmount>();
            TimeSpan? duration = null;
            bool? decay = null;
            do
            {
                var name = Name("a consumable index name in rusage[]");
                Expect("=", $"after '{name.Name}'");
                if (name.Name == "duration" && duration is null && decay is null && amounts.Count > 0)
                    duration = Duration("after 'duration='");
                else if (name.Name == "decay" && decay is null && amounts.Count > 0)
                {
                    var flag = Number("0 or 1 after 'decay='");
                    if (flag.Number is not (0 or 1)) throw Lexer.Syntax(flag.Column, "decay= is 0 or 1");
                    decay = flag.Number == 1;
                }
                else if (duration is not null || decay is not null || name.Name is "duration" or "decay")
                    throw Lexer.Syntax(name.Column, "a use is name=amount[:name=amount...] then optionally :duration=T and :decay=0|1, in that order");
                else amounts.Add(new ResourceAmount(name.Name, Number($"an amount after '{name.Name}='").Number, name.Column));
            }
            while (Accept(":"));
            return new ResourceUse(amounts, duration, decay ?? false, column);
        }

        private SpanClause Span(int column)
        {
            var name = Name("lanes or ptile in span[]");
            Expect("=", $"after '{name.Name}'");
            var value = Number("an integer in span[]");
            return name.Name switch
            {
                "lanes" when value.Number == 1 => new SpanClause(SpanKind.Lanes, 1, column),
                "ptile" when value.Number is >= 1 and <= int.MaxValue && double.IsInteger(value.Number) =>
                    new SpanClause(SpanKind.PerTile, (int)value.Number, column),
                "lanes" or "ptile" => throw Lexer.Syntax(value.Column, "span[] is lanes=1 or ptile=N with N a positive integer"),
                _ => throw Lexer.Syntax(name.Column, $"span[] takes lanes=1 or ptile=N, not '{name.Name}'"),
            };
        }

        private SameClause Same(int column)
        {
            var names = new List<string>();
            do names.Add(Name("an index name in same[]").Name);
            while (Accept(":"));
            return new SameClause(names, column);
        }

        private Token Number(string what)
        {
            if (Peek.Kind != TokenKind.Number) throw Lexer.Syntax(Peek.Column, $"expected {what}, found {Peek.Describe()}");
            return Next();
        }

        private IndexRef Name(string what)
        {
            if (Peek.Kind != TokenKind.Name) throw Lexer.Syntax(Peek.Column, $"expected {what}, found {Peek.Describe()}");
            var token = Next();
            if (!paths && !IndexDeclaration.IsValidName(token.Text))
                throw Lexer.Syntax(token.Column, $"'{token.Text}' is longer than an index name may be (39 characters)");
            return new IndexRef(token.Text, token.Column);
        }

        /// <summary>A number with an adjacent unit (ms, s, m, h; none means seconds): `30s`, `1.5m`.</summary>
        private TimeSpan Duration(string what)
        {
            var number = Number("a duration such as 30s " + what);
            double seconds = number.Number;
            if (Peek.Kind == TokenKind.Name && Peek.Column == number.End)
            {
                var unit = Next();
                seconds *= unit.Text switch
                {
                    "ms" => 0.001,
                    "s" => 1,
                    "m" => 60,
                    "h" => 3600,
                    _ => throw Lexer.Syntax(unit.Column, $"'{unit.Text}' is not a unit of time: ms, s, m or h"),
                };
            }
            if (seconds > MaxDuration.TotalSeconds) throw Lexer.Syntax(number.Column, $"a duration is at most {MaxDuration.TotalDays} days");
            return TimeSpan.FromSeconds(seconds);
        }
    }
}
