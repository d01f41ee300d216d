namespace Qonduit.Devices.Generators;

/// <summary>
/// Heavy-hex lattices numbered as IBM numbers them: a row of qubits, then the row of "bridge" qubits below it (one every
/// fourth column, the columns alternating between two offsets), then the next row. Bridges have degree 2, row qubits at
/// most 3. The three IBM layouts are reproduced edge for edge; other sizes take the smallest roughly square
/// Heron-style lattice that holds them and keep a breadth-first prefix from qubit 0, which stays connected.
/// </summary>
internal static class HeavyHexLayout
{
    /// <param name="FirstColumns">Column range of the first row (Eagle leaves out the last column).</param>
    /// <param name="LastColumns">Column range of the last row (Eagle leaves out the first column).</param>
    /// <param name="TrailingBridges">A bridge row below the last row (Heron r1, 133 qubits).</param>
    private sealed record Shape(int Rows, int Width, int EvenOffset, int OddOffset, (int, int) FirstColumns, (int, int) LastColumns, bool TrailingBridges);

    /// <summary>Eagle r3 (ibm_brisbane): 127 qubits, 144 couplings.</summary>
    private static readonly Shape Eagle = new(7, 15, 0, 2, (0, 13), (1, 14), false);

    /// <summary>Heron r1 (ibm_torino): 133 qubits, 150 couplings.</summary>
    private static readonly Shape HeronR1 = new(7, 15, 0, 2, (0, 14), (0, 14), true);

    /// <summary>Heron r2 (ibm_fez): 156 qubits, 176 couplings.</summary>
    private static readonly Shape HeronR2 = new(8, 16, 3, 1, (0, 15), (0, 15), false);

    public static (int Qubits, List<(int, int)> Edges) Build(int qubits)
    {
        foreach (var shape in new[] { Eagle, HeronR1, HeronR2 })
        {
            var (count, edges) = Lattice(shape);
            if (count == qubits) return (count, edges);
        }
        var (total, all) = Lattice(ParametricShape(qubits));
        return total == qubits ? (total, all) : BreadthFirstPrefix(total, all, qubits);
    }

    // Rows of width 4k joined by k bridges: R·4k + (R-1)·k qubits. The first k whose row count is at most 2k gives a
    // lattice about as tall as it is wide (a row plus its bridge row is two lattice units high).
    private static Shape ParametricShape(int qubits)
    {
        for (var k = 1; ; k++)
        {
            var width = 4 * k;
            var rows = Math.Max(1, (int)Math.Ceiling((qubits + k) / (double)(width + k)));
            if (rows <= 2 * k) return new Shape(rows, width, 3, 1, (0, width - 1), (0, width - 1), false);
        }
    }

    private static (int, List<(int, int)>) Lattice(Shape shape)
    {
        var edges = new List<(int, int)>();
        var next = 0;
        var pendingBridges = new List<(int Qubit, int Column)>();
        for (var r = 0; r < shape.Rows; r++)
        {
            var (from, to) = r == 0 ? shape.FirstColumns : r == shape.Rows - 1 ? shape.LastColumns : (0, shape.Width - 1);
            var row = new int[shape.Width];
            Array.Fill(row, -1);
            for (var c = from; c <= to; c++)
            {
                row[c] = next++;
                if (c > from) edges.Add((row[c - 1], row[c]));
            }
            foreach (var (bridge, column) in pendingBridges)
                if (row[column] >= 0) edges.Add((bridge, row[column]));
            pendingBridges.Clear();
            if (r < shape.Rows - 1 || shape.TrailingBridges)
            {
                for (var c = r % 2 == 0 ? shape.EvenOffset : shape.OddOffset; c < shape.Width; c += 4)
                {
                    if (row[c] < 0) continue;
                    edges.Add((row[c], next));
                    pendingBridges.Add((next++, c));
                }
            }
        }
        return (next, edges);
    }

    private static (int, List<(int, int)>) BreadthFirstPrefix(int total, List<(int, int)> edges, int keep)
    {
        var adjacency = new List<int>[total];
        for (var q = 0; q < total; q++) adjacency[q] = [];
        foreach (var (a, b) in edges) { adjacency[a].Add(b); adjacency[b].Add(a); }
        var kept = new bool[total];
        var queue = new Queue<int>([0]);
        kept[0] = true;
        var count = 1;
        while (count < keep && queue.TryDequeue(out var q))
        {
            foreach (var next in adjacency[q].Order())
            {
                if (count == keep) break;
                if (kept[next]) continue;
                kept[next] = true;
                count++;
                queue.Enqueue(next);
            }
        }
        var renumber = new int[total];
        for (int q = 0, i = 0; q < total; q++) renumber[q] = kept[q] ? i++ : -1;
        return (keep, [.. edges.Where(e => kept[e.Item1] && kept[e.Item2]).Select(e => (renumber[e.Item1], renumber[e.Item2]))]);
    }
}
