namespace Qonduit.Tests.Shared.Storage;

/// <summary>The adapters of the store port: tests that hold for both take one as theory data.</summary>
public enum StoreKind
{
    InMemory,
    Sqlite,
}
