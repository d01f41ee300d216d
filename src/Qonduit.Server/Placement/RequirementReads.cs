using Qonduit.Placement.Requirements.Evaluation;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Server.Placement;

/// <summary>The index names a requirement reads (select[] and order[]), in first-use order: what a decision records of each candidate.</summary>
internal static class RequirementReads
{
    public static IReadOnlyList<string> Of(SimpleRequirement requirement)
    {
        var names = new List<string>();
        void Walk(Expr? expression)
        {
            switch (expression)
            {
                case IndexRef r when !names.Contains(r.Name): names.Add(r.Name); break;
                case Unary u: Walk(u.Operand); break;
                case Binary b: Walk(b.Left); Walk(b.Right); break;
                case Call c: foreach (var argument in c.Arguments) Walk(argument); break;
            }
        }
        Walk(requirement.Select);
        foreach (var key in requirement.Order) Walk(key.Key);
        return names;
    }

    public static IReadOnlyDictionary<string, string> Values(RequirementEvaluator evaluator, SimpleRequirement requirement, LaneCandidate lane, DateTimeOffset now) =>
        Of(requirement).ToDictionary(n => n, n => evaluator.Read(n, lane, now).ToString(), StringComparer.Ordinal);
}
