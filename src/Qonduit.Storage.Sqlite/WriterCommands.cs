using Microsoft.Data.Sqlite;

namespace Qonduit.Storage.Sqlite;

/// <summary>
/// The writer connection's statements, each prepared once and then only rebound: a transition runs the same handful of
/// statements every time, and compiling their SQL again per call was a good part of its cost. Used only by whoever
/// holds the writer, so it needs no lock.
/// </summary>
internal sealed class WriterCommands(SqliteConnection connection) : IDisposable
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
        command.Parameters.Clear();
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
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

    public void Dispose() => Clear();

    private void Clear()
    {
        foreach (var command in _prepared.Values) command.Dispose();
        _prepared.Clear();
    }
}
