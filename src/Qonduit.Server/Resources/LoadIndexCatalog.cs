using Qonduit.Contracts.Resources;
using Qonduit.Placement.Indices;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Resources;

/// <summary>
/// The declared load indices (`PUT /v1/loadindices/{name}`), persisted through the store so they survive a restart, with
/// the catalogue version heartbeats carry. Reporters validate against <see cref="Reported"/>: the declared indices only,
/// since the built-in ones are the server's own state and no reporter may set them.
/// </summary>
public sealed class LoadIndexCatalog
{
    public const int MaxUnitLength = 32;
    public const int MaxDescriptionLength = 500;

    /// <summary>A day: an index reported less often would be dropped only after ten days.</summary>
    public const int MaxIntervalMs = 86_400_000;

    private readonly IControlPlaneStore _store;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Snapshot _current;

    public LoadIndexCatalog(IControlPlaneStore store, TimeProvider time)
    {
        (_store, _time) = (store, time);
        _current = Snapshot.Of(store.ListLoadIndices());
    }

    public long Version => _current.Version;

    /// <summary>The declared indices reported values are checked against.</summary>
    public IndexCatalog Reported => _current.Catalog;

    /// <summary>Built-in and declared indices: what placement reads a requirement with (order[] direction, absent tags).</summary>
    public IndexCatalog All => _current.All;

    public LoadIndexCatalogView View()
    {
        var current = _current;
        return new LoadIndexCatalogView(current.Version,
            [.. BuiltInIndices.All.Select(d => ViewOf(d, builtIn: true)), .. current.Declared.Select(d => ViewOf(d, builtIn: false))]);
    }

    public async Task<LoadIndexDeclarationView> DeclareAsync(string name, DeclareLoadIndexRequest request, CancellationToken cancellationToken)
    {
        var declaration = Validate(name, request);
        var record = new LoadIndexRecord(declaration.Name, TypeName(declaration.Type), (int)declaration.Interval.TotalMilliseconds,
            declaration.Increasing, declaration.Consumable, declaration.Unit, declaration.Description, _time.GetUtcNow());
        await _store.WriteAsync(w => w.DeclareLoadIndex(record), cancellationToken: cancellationToken).ConfigureAwait(false);
        // Rebuilt from the store, under a lock, so two declarations racing cannot leave the older catalogue in place.
        lock (_gate) _current = Snapshot.Of(_store.ListLoadIndices());
        return ViewOf(declaration, builtIn: false);
    }

    public static IndexDeclaration Validate(string name, DeclareLoadIndexRequest request)
    {
        if (!IndexDeclaration.IsValidName(name))
            throw ControlPlaneException.BadRequest(ErrorCodes.LoadIndex.InvalidName, $"'{Shorten(name)}' is not an index name: [A-Za-z_][A-Za-z0-9_]{{0,38}}", Origins.Admin);
        if (BuiltInIndices.Catalog.Find(name) is not null)
            throw ControlPlaneException.Conflict(ErrorCodes.LoadIndex.BuiltIn, $"'{name}' is computed by the server and cannot be declared");
        if (ParseType(request.Type) is not { } type)
            throw Invalid($"type must be numeric, boolean or string, not '{Shorten(request.Type ?? "")}'");
        if (request.IntervalMs is < 1_000 or > MaxIntervalMs)
            throw Invalid($"intervalMs must be between 1000 and {MaxIntervalMs}, not {request.IntervalMs}");
        if (request.Unit is { Length: > MaxUnitLength } || request.Unit?.Any(char.IsControl) == true)
            throw Invalid($"unit is at most {MaxUnitLength} printable characters");
        if (request.Description is { Length: > MaxDescriptionLength } || request.Description?.Any(char.IsControl) == true)
            throw Invalid($"description is at most {MaxDescriptionLength} printable characters");
        if (request.Consumable == true && type != IndexType.Numeric)
            throw Invalid("only a numeric index can be consumable");
        return new IndexDeclaration(name, type, request.IntervalMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            request.Increasing ?? true, request.Consumable ?? false, request.Unit, request.Description);
    }

    private static ControlPlaneException Invalid(string message) =>
        ControlPlaneException.BadRequest(ErrorCodes.LoadIndex.InvalidDeclaration, message, Origins.Admin);

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";

    private static IndexType? ParseType(string? type) => type switch
    {
        "numeric" => IndexType.Numeric,
        "boolean" => IndexType.Boolean,
        "string" => IndexType.String,
        _ => null,
    };

    private static string TypeName(IndexType type) => type.ToString().ToLowerInvariant();

    /// <summary>A built-in index shows interval 0: it is computed at read time and never goes stale.</summary>
    private static LoadIndexDeclarationView ViewOf(IndexDeclaration d, bool builtIn) => new(
        d.Name, TypeName(d.Type), builtIn ? 0 : (int)d.Interval.TotalMilliseconds,
        d.Increasing, d.Consumable, d.Unit, d.Description, builtIn);

    private sealed record Snapshot(long Version, IReadOnlyList<IndexDeclaration> Declared, IndexCatalog Catalog, IndexCatalog All)
    {
        public static Snapshot Of(IReadOnlyList<LoadIndexRecord> records)
        {
            var declared = records.Select(r => new IndexDeclaration(r.Name, ParseType(r.Type) ?? IndexType.String, TimeSpan.FromMilliseconds(r.IntervalMs),
                r.Increasing, r.Consumable, r.Unit, r.Description)).ToList();
            // A built-in name cannot be declared (loadindex.built-in), so the two never collide.
            return new Snapshot(records.Select(r => r.Version).DefaultIfEmpty(0).Max(), declared, new IndexCatalog(declared),
                new IndexCatalog([.. BuiltInIndices.All, .. declared]));
        }
    }
}
