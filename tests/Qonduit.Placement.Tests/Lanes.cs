using Qonduit.Placement.Indices;
using Qonduit.Placement.Requirements.Evaluation;

namespace Qonduit.Placement.Tests;

/// <summary>Lanes whose indices all arrived at <see cref="Now"/>, reported every 15 s.</summary>
internal static class Lanes
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static LaneCandidate Lane(string id, params (string Name, object Value)[] indices) => Lane(id, up: true, indices);

    public static LaneCandidate Lane(string id, bool up, params (string Name, object Value)[] indices) =>
        new(id, up, indices.ToDictionary(i => i.Name, i => Sample(i.Value, Now)));

    public static IndexSample Sample(object value, DateTimeOffset receivedAt) =>
        new(value is string text ? IndexValue.Of(text) : IndexValue.Of(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
            receivedAt, IndexDeclaration.DefaultInterval);
}
