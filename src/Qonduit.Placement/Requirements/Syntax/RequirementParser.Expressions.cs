namespace Qonduit.Placement.Requirements.Syntax;

public static partial class RequirementParser
{
    private static readonly Dictionary<string, BinaryOperator> Relations = new(StringComparer.Ordinal)
    {
        ["<"] = BinaryOperator.Less,
        ["<="] = BinaryOperator.LessOrEqual,
        [">"] = BinaryOperator.Greater,
        [">="] = BinaryOperator.GreaterOrEqual,
        ["=="] = BinaryOperator.Equal,
        ["!="] = BinaryOperator.NotEqual,
        ["=?="] = BinaryOperator.Identical,
        ["=!="] = BinaryOperator.NotIdentical,
    };

    private static readonly Dictionary<string, Function> Functions = new(StringComparer.Ordinal)
    {
        ["defined"] = Function.Defined,
        ["age"] = Function.Age,
        ["ifdef"] = Function.IfDef,
        ["min"] = Function.Min,
        ["max"] = Function.Max,
        ["abs"] = Function.Abs,
    };

    /// <summary>
    /// Precedence, loosest first: `||`, `&amp;&amp;`, one non-associative level of comparisons (`a&lt;b&lt;c` is refused),
    /// `+ -`, `* /`, then the unary `-` and `!`, which bind tightest (LSF, HTCondor ClassAds).
    /// </summary>
    private sealed partial class Cursor
    {
        public Expr Expression()
        {
            Enter();
            var left = Conjunction();
            while (Peek.Is("||") && !AlternativeAhead())
            {
                var column = Operator().Column;
                left = new Binary(BinaryOperator.Or, left, Conjunction(), column);
            }
            _depth--;
            return left;
        }

        /// <summary>`|| {` after a bare expression starts the next alternative, not a disjunction.</summary>
        private bool AlternativeAhead() => PeekAt(1).Is("{");

        private Expr Conjunction()
        {
            var left = Comparison();
            while (Peek.Is("&&"))
            {
                var column = Operator().Column;
                left = new Binary(BinaryOperator.And, left, Comparison(), column);
            }
            return left;
        }

        private Expr Comparison()
        {
            var left = Sum();
            if (!Relation(out var first)) return left;
            var column = Operator().Column;
            var comparison = new Binary(first, left, Sum(), column);
            if (Relation(out _))
                throw Lexer.Syntax(Peek.Column, $"comparisons do not chain: write 'a < b && b < c', or parenthesise one side, instead of '{Peek.Text}' here");
            return comparison;
        }

        private bool Relation(out BinaryOperator relation) =>
            Relations.TryGetValue(Peek.Kind == TokenKind.Symbol ? Peek.Text : "", out relation);

        private Expr Sum()
        {
            var left = Product();
            while (Peek.Is("+") || Peek.Is("-"))
            {
                var token = Operator();
                left = new Binary(token.Text == "+" ? BinaryOperator.Add : BinaryOperator.Subtract, left, Product(), token.Column);
            }
            return left;
        }

        private Expr Product()
        {
            var left = UnaryExpression();
            while (Peek.Is("*") || Peek.Is("/"))
            {
                var token = Operator();
                left = new Binary(token.Text == "*" ? BinaryOperator.Multiply : BinaryOperator.Divide, left, UnaryExpression(), token.Column);
            }
            return left;
        }

        private Expr UnaryExpression()
        {
            if (!Peek.Is("-") && !Peek.Is("!")) return Atom();
            var token = Next();
            Enter();
            var operand = UnaryExpression();
            _depth--;
            return new Unary(token.Text == "-" ? UnaryOperator.Negate : UnaryOperator.Not, operand, token.Column);
        }

        private Expr Atom()
        {
            var token = Peek;
            switch (token.Kind)
            {
                case TokenKind.Number:
                    Next();
                    return new NumberLiteral(token.Number, token.Column);
                case TokenKind.String:
                    Next();
                    return new StringLiteral(token.Text, token.Column);
                case TokenKind.Name when PeekAt(1).Is("("):
                    return Call();
                case TokenKind.Name:
                    return Name("an index name");
                default:
                    if (!Accept("(")) throw Lexer.Syntax(token.Column, $"expected a number, a 'string', an index name or '(', found {token.Describe()}");
                    var inner = Expression();
                    Expect(")", $"to close the '(' at column {token.Column}");
                    return inner;
            }
        }

        private Call Call()
        {
            var name = Next();
            if (!Functions.TryGetValue(name.Text, out var function))
                throw Lexer.Syntax(name.Column, $"'{name.Text}' is not a function: defined, age, ifdef, min, max, abs");
            Next();
            var arguments = new List<Expr>();
            if (function is Function.Defined or Function.Age or Function.IfDef)
                arguments.Add(Name($"an index name as the first argument of {name.Text}()"));
            else arguments.Add(Expression());
            while (Accept(",")) arguments.Add(Expression());
            var close = Expect(")", $"to close {name.Text}(");
            var (least, most) = function switch
            {
                Function.Defined or Function.Age or Function.Abs => (1, 1),
                Function.IfDef => (2, 2),
                _ => (1, int.MaxValue),
            };
            if (arguments.Count < least || arguments.Count > most)
                throw Lexer.Syntax(close.Column, $"{name.Text}() takes {(least == most ? least.ToString() : $"at least {least}")} argument(s), not {arguments.Count}");
            return new Call(function, arguments, name.Column);
        }

        private Token Operator()
        {
            if (++_operators > MaxOperators) throw Lexer.Syntax(Peek.Column, $"the requirement has more than {MaxOperators} operators");
            return Next();
        }

        private void Enter()
        {
            if (++_depth > MaxDepth) throw Lexer.Syntax(Peek.Column, $"the requirement nests deeper than {MaxDepth} levels");
        }
    }
}
