namespace Qonduit.Devices.Generators;

/// <summary>Undirected edge lists of the simple families; each result is connected for any qubit count ≥ 1.</summary>
internal static class Lattices
{
    /// <summary>Row-major square grid, ⌈√n⌉ columns; a partial last row hangs below complete rows, so degrees stay ≤ 4.</summary>
    public static List<(int, int)> Grid(int n)
    {
        var columns = (int)Math.Ceiling(Math.Sqrt(n));
        var edges = new List<(int, int)>();
        for (var q = 0; q < n; q++)
        {
            if (q % columns < columns - 1 && q + 1 < n) edges.Add((q, q + 1));
            if (q + columns < n) edges.Add((q, q + columns));
        }
        return edges;
    }

    public static List<(int, int)> Line(int n) => [.. Enumerable.Range(0, Math.Max(0, n - 1)).Select(q => (q, q + 1))];

    /// <summary>A cycle; with fewer than three qubits the closing edge would repeat one, so it is a line.</summary>
    public static List<(int, int)> Ring(int n) => n < 3 ? Line(n) : [.. Line(n), (0, n - 1)];

    public static List<(int, int)> Star(int n) => [.. Enumerable.Range(1, Math.Max(0, n - 1)).Select(q => (0, q))];

    public static List<(int, int)> Full(int n)
    {
        var edges = new List<(int, int)>(n * (n - 1) / 2);
        for (var a = 0; a < n; a++)
            for (var b = a + 1; b < n; b++) edges.Add((a, b));
        return edges;
    }
}
