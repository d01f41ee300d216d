using Microsoft.Data.Sqlite;

namespace Qonduit.Storage.Sqlite;

/// <summary>
/// One connection's statements, each prepared once and then only rebound: a transition or a read runs the same handful
/// of statements every time, and compiling their SQL again per call was a good part of its cost. Used by one thread at a
/// time (the writer's holder, or the read that took the connection from the pool), so it needs no lock.
/// </summary>
internal sealed class PreparedCommands(SqliteConnection connection, bool ownsConnection = false) : IDisposable
{
    /// <summary>Claims filtered by device lists make SQL that varies; past this many statements the cache starts over.</summary>
    private const int Capacity = 256;

    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    /// <summary>The cached command for <paramref name="sql"/> with these parameters bound; the caller must not dispose it.</summary>
    public SqliteCommand Get(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            if (_prepared.Count >= Capacity) Clear();
            command = connection.CreateCommand();
            command.CommandText = sql;
            _prepared[sql] = command;
        }
        // A statement is mostly run again with the same parameters: their objects are kept and only their values set.
        var bound = command.Parameters;
        if (bound.Count != parameters.Length || !parameters.Select(p => p.Name).SequenceEqual(bound.Cast<SqliteParameter>().Select(p => p.ParameterName), StringComparer.Ordinal))
        {
            bound.Clear();
            foreach (var (name, _) in parameters) bound.Add(new SqliteParameter { ParameterName = name });
        }
        for (var i = 0; i < parameters.Length; i++) bound[i].Value = parameters[i].Value ?? DBNull.Value;
        return command;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters) => Get(sql, parameters).ExecuteNonQuery();

    public object? Scalar(string sql, params (string Name, object? Value)[] parameters) => Get(sql, parameters).ExecuteScalar();

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var reader = Get(sql, parameters).ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    public T? Single<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
        where T : class
    {
        using var reader = Get(sql, parameters).ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    public void Dispose()
    {
        Clear();
        if (ownsConnection) connection.Dispose();
    }

    private void Clear()
    {
        foreach (var command in _prepared.Values) command.Dispose();
        _prepared.Clear();
    }
}
