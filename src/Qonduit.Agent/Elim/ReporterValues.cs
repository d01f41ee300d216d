using Qonduit.Contracts.Resources;
using Qonduit.Placement.Elim;
using Qonduit.Placement.Indices;

namespace Qonduit.Agent.Elim;

/// <summary>
/// The agent's load indices: every reporter's lines merged by one <see cref="ElimIntake"/> (latest wins), validated against
/// the control plane's declarations (`GET /v1/loadindices`) of <see cref="CatalogVersion"/>, read by each heartbeat.
/// Reporters feed it from their own loops, so every access holds the lock.
/// </summary>
public sealed class ReporterValues(TimeProvider time)
{
    private readonly Lock _gate = new();
    private ElimIntake _intake = new(IndexCatalog.Empty, time);

    /// <summary>The version of the declarations lines are checked against; null until the first fetch succeeds.</summary>
    public long? CatalogVersion
    {
        get { lock (_gate) return field; }
        private set;
    }

    /// <summary>
    /// Checks lines against these declarations from now on. Values already held are forgotten with the old intake: a
    /// declaration may have changed type, and every reporter sends again within its interval. Any other version is taken,
    /// a lower one too: a restarted control plane numbers its declarations afresh, and the agent must follow it.
    /// </summary>
    /// <returns>The declarations that could not be read (kept out of the catalog), each with why.</returns>
    public IReadOnlyList<string> UseCatalog(LoadIndexCatalogView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var (declarations, unreadable) = (new List<IndexDeclaration>(), new List<string>());
        foreach (var index in view.Indices ?? [])
        {
            try
            {
                declarations.Add(Declaration(index));
            }
            catch (ArgumentException e)
            {
                unreadable.Add($"{index.Name}: {e.Message}");
            }
        }
        var catalog = new IndexCatalog(declarations.DistinctBy(d => d.Name, StringComparer.Ordinal));
        lock (_gate)
        {
            if (CatalogVersion == view.Version) return unreadable;
            _intake = new ElimIntake(catalog, time);
            CatalogVersion = view.Version;
        }
        return unreadable;
    }

    /// <summary>One line a reporter wrote; a reporter bound to <paramref name="resource"/> has its unscoped names scoped to it.</summary>
    public ElimParse Accept(string line, string? resource)
    {
        var scoped = resource is null ? line : ScopeTo(line, resource);
        lock (_gate) return _intake.Accept(scoped);
    }

    /// <summary>What each resource reports now, as the heartbeat carries it; resources with no value are left out.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>> ValuesFor(IEnumerable<string> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var values = new Dictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            foreach (var resource in resources)
            {
                var reported = _intake.ValuesFor(resource);
                if (reported.Count == 0) continue;
                values[resource] = reported.ToDictionary(
                    e => e.Key,
                    e => new ReportedIndexValue(e.Value.Value.ToJson(), Math.Max(0, (long)(now - e.Value.ReceivedAt).TotalMilliseconds)),
                    StringComparer.Ordinal);
            }
        }
        return values;
    }

    private static IndexDeclaration Declaration(LoadIndexDeclarationView view)
    {
        var type = view.Type switch
        {
            "numeric" => IndexType.Numeric,
            "boolean" => IndexType.Boolean,
            "string" => IndexType.String,
            _ => throw new ArgumentException($"unknown type '{view.Type}'"),
        };
        return new IndexDeclaration(view.Name, type, TimeSpan.FromMilliseconds(view.IntervalMs), view.Increasing, view.Consumable, view.Unit, view.Description);
    }

    // Only lines the parser will read are rewritten (an over-long one is refused as it is); pair names sit at odd positions.
    private static string ScopeTo(string line, string resource)
    {
        if (line.Length > ElimLine.MaxLength) return line;
        var tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < tokens.Length; i += 2)
            if (!tokens[i].Contains('@', StringComparison.Ordinal)) tokens[i] += "@" + resource;
        return string.Join(' ', tokens);
    }

}
