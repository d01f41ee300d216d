using Microsoft.Extensions.DependencyInjection.Extensions;
using Qonduit.Storage.Sqlite;

namespace Qonduit.Server;

public static class SqliteStoreRegistration
{
    /// <summary>Replaces the default store with SQLite at <see cref="SqliteStoreOptions.Path"/> (created and migrated on first use).</summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, SqliteStoreOptions options)
    {
        services.RemoveAll<IControlPlaneStore>();
        services.AddSingleton<SqliteControlPlaneStore>(_ => new SqliteControlPlaneStore(options));
        services.AddSingleton<IControlPlaneStore>(sp => sp.GetRequiredService<SqliteControlPlaneStore>());
        return services;
    }
}
