namespace Qonduit.Placement.Indices;

/// <summary>The declared indices by name (case-sensitive, like LSF's).</summary>
public sealed class IndexCatalog
{
    private readonly Dictionary<string, IndexDeclaration> _byName;

    public IndexCatalog(IEnumerable<IndexDeclaration> declarations)
    {
        _byName = new Dictionary<string, IndexDeclaration>(StringComparer.Ordinal);
        foreach (var declaration in declarations)
            if (!_byName.TryAdd(declaration.Name, declaration))
                throw new ArgumentException($"index '{declaration.Name}' is declared twice", nameof(declarations));
    }

    public static IndexCatalog Empty { get; } = new([]);

    public IndexDeclaration? Find(string name) => _byName.GetValueOrDefault(name);
}
