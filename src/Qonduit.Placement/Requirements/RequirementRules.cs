using Qonduit.Errors;
using Qonduit.Placement.Indices;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Placement.Requirements;

/// <summary>What a parsed requirement must also satisfy to be accepted at submission (all 400, with the column).</summary>
public static class RequirementRules
{
    /// <summary>Parses and checks in one step: syntax, then sections not supported yet, then rusage[] consumability.</summary>
    public static Requirement Admit(string text, IndexCatalog catalog)
    {
        var requirement = RequirementParser.Parse(text);
        RefuseUnsupported(requirement);
        RefuseNonConsumableUsage(requirement, catalog);
        return requirement;
    }

    /// <summary>
    /// A pool's own select (docs/orchestration.md "A pool's select"): a bare expression or one select[] section, nothing
    /// else — a task's order[] and rusage[] replace a pool's (LSF), so a pool's would never be read, and it has no
    /// alternatives. Refused with <c>requirement.unsupported</c> at the column of what it may not have.
    /// </summary>
    public static Expr PoolSelect(string text)
    {
        var requirement = RequirementParser.Parse(text);
        if (requirement.Alternatives is not [{ Requirement: { Select: { } select, Order.Count: 0, Usage.Count: 0, Span: null, Same: null }, Delay.Ticks: 0 }])
            throw new RequirementException(ErrorCodes.Requirement.Unsupported, 1, "a pool's requirement is one select[]: order[] and rusage[] come from the task");
        return select;
    }

    /// <summary>span[] and same[] parse, but placement does not honour them yet: refused rather than ignored.</summary>
    public static void RefuseUnsupported(Requirement requirement)
    {
        if (requirement.UnsupportedSections is [var (section, column), ..])
            throw new RequirementException(ErrorCodes.Requirement.Unsupported, column, $"{section} is not supported yet");
    }

    public static void RefuseNonConsumableUsage(Requirement requirement, IndexCatalog catalog)
    {
        foreach (var amount in requirement.Alternatives.SelectMany(a => a.Requirement.Usage).SelectMany(u => u.Amounts))
            if (catalog.Find(amount.Index) is not { Consumable: true })
                throw new RequirementException(ErrorCodes.Requirement.NotConsumable, amount.Column,
                    $"rusage[] reserves '{amount.Index}', which is not declared consumable");
    }
}
