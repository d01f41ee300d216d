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
