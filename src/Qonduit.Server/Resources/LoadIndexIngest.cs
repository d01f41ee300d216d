using System.Text;
using System.Text.Json;
using Qonduit.Contracts.Resources;
using Qonduit.Placement.Elim;
using Qonduit.Placement.Indices;
using Qonduit.Server.Devices;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Resources;

/// <summary>
/// Records reported load-index values on the <see cref="LoadIndexBoard"/>, each checked against the declared catalogue:
/// the values on an agent's heartbeat (a bad value is dropped and counted, never the heartbeat) and the ELIM lines pushed
/// over HTTP (a bad line is listed in the answer and counted; a stale sequence refuses the push).
/// </summary>
public sealed class LoadIndexIngest(LoadIndexCatalog catalog, LoadIndexBoard board, ResourceCatalog resources, DeviceRegistry registry,
    IControlPlaneStore store, TimeProvider time)
{
    public const int MaxPushLines = 1_000;
    public const int MaxPushBytes = 64 * 1024;

    /// <summary>A String value longer than an ELIM line could carry is refused, as the line would be.</summary>
    public const int MaxTextLength = ElimLine.MaxLength;

    /// <summary>
    /// Records the values an agent's heartbeat carries for the resources it serves (its declared pools, and its devices:
    /// those it claims for, or every registered device when it claims for any). The age is clamped to [0, 10 intervals]:
    /// an agent cannot date a value in the future, and an older one would be dropped at once.
    /// </summary>
    public void Heartbeat(string agentId, IReadOnlyList<PoolDeclaration> pools,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>>? indices)
    {
        if (indices is null || indices.Count == 0) return;
        var served = Served(agentId, pools);
        var now = time.GetUtcNow();
        var reported = catalog.Reported;
        foreach (var (resource, values) in indices)
        {
            if (values is null) continue;
            if (!served.Contains(resource))
            {
                board.CountRejected(RejectReasons.UnknownResource, values.Count);
                continue;
            }
            foreach (var (name, value) in values)
            {
                if (reported.Find(name) is not { } declaration)
                {
                    board.CountRejected(RejectReasons.Undeclared);
                    continue;
                }
                if (value is null || ValueOf(declaration, value.Value) is not { } parsed)
                {
                    board.CountRejected(RejectReasons.WrongType);
                    continue;
                }
                var age = TimeSpan.FromMilliseconds(Math.Clamp(value.AgeMs, 0, Staleness.DroppedAfterIntervals * (long)declaration.Interval.TotalMilliseconds));
                board.Record(resource, name, new IndexSample(parsed, now - age, declaration.Interval));
            }
        }
    }

    /// <summary>`POST /v1/resources/{name}/indices`: records the accepted lines' values, received now, and lists the refused lines.</summary>
    public PushLoadIndicesResponse Push(string resource, PushLoadIndicesRequest request)
    {
        resources.Find(resource);
        if (request.Lines is not { } lines)
            throw ControlPlaneException.BadRequest(ErrorCodes.LoadIndex.InvalidPush, "'lines' (ELIM lines `N name1 value1 …`) is required", Origins.Agent);
        if (request.Seq < 1)
            throw ControlPlaneException.BadRequest(ErrorCodes.LoadIndex.InvalidPush, $"'seq' must be at least 1, not {request.Seq}", Origins.Agent);
        if (lines.Count > MaxPushLines)
            throw ControlPlaneException.TooLarge(ErrorCodes.LoadIndex.PushTooLarge, $"the push holds {lines.Count} lines; the limit is {MaxPushLines}");
        var bytes = lines.Sum(l => l is null ? 0L : Encoding.UTF8.GetByteCount(l));
        if (bytes > MaxPushBytes)
            throw ControlPlaneException.TooLarge(ErrorCodes.LoadIndex.PushTooLarge, $"the push's lines hold {bytes} bytes; the limit is {MaxPushBytes}");
        if (!board.TryAdvanceSequence(resource, request.Seq, out var last))
            throw ControlPlaneException.Conflict(ErrorCodes.LoadIndex.StaleSequence,
                $"seq {request.Seq} is not greater than {last}, the last accepted for '{resource}'", new Dictionary<string, object?> { ["lastSeq"] = last });
        var (accepted, refused) = board.Ingest(resource, lines, catalog.Reported, time.GetUtcNow());
        return new PushLoadIndicesResponse(request.Seq, accepted, refused);
    }

    private HashSet<string> Served(string agentId, IReadOnlyList<PoolDeclaration> pools)
    {
        var served = pools.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var devices = store.ListAgents().FirstOrDefault(a => a.AgentId == agentId)?.Devices ?? [];
        served.UnionWith(devices.IsDefaultOrEmpty ? registry.List().Select(d => d.Device) : devices);
        return served;
    }

    private static IndexValue? ValueOf(IndexDeclaration declaration, JsonElement value) => (declaration.Type, value.ValueKind) switch
    {
        (IndexType.String, JsonValueKind.String) when value.GetString() is { Length: <= MaxTextLength } text => IndexValue.Of(text),
        (IndexType.Boolean, JsonValueKind.True) => IndexValue.Of(1),
        (IndexType.Boolean, JsonValueKind.False) => IndexValue.Of(0),
        (IndexType.Numeric or IndexType.Boolean, JsonValueKind.Number)
            when value.TryGetDouble(out var number) && double.IsFinite(number) && Math.Abs(number) <= ElimLine.MaxMagnitude => IndexValue.Of(number),
        _ => null,
    };
}

/// <summary>The `reason` label of `qonduit_loadindex_rejected_total`: the ELIM refusals, and what the server adds.</summary>
public static class RejectReasons
{
    public const string Undeclared = "undeclared";
    public const string WrongType = "wrong-type";
    public const string UnknownResource = "unknown-resource";
    public const string LaneScoped = "lane-scoped";

    public static string Of(ElimRejection rejection) => rejection switch
    {
        ElimRejection.Malformed => "malformed",
        ElimRejection.WrongCount => "wrong-count",
        ElimRejection.BadName => "bad-name",
        ElimRejection.Undeclared => Undeclared,
        ElimRejection.NonFinite => "non-finite",
        ElimRejection.OutOfRange => "out-of-range",
        _ => rejection.ToString(),
    };
}
