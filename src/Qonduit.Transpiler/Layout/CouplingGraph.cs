using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Topology;

namespace Qonduit.Transpiler.Layout;

/// <summary>
/// The undirected graph of usable couplers (available, between online qubits) with hop distances, computed one
/// breadth-first row at a time as the router asks for them, so a very large device costs only the rows it touches.
/// </summary>
internal sealed class CouplingGraph
{
    public const int Unreachable = int.MaxValue / 4;

    private readonly DeviceTopology _usable;
    private readonly int[]?[] _rows;
    private readonly Dictionary<(int, int), double> _errors = [];

    public CouplingGraph(DeviceSnapshot device)
    {
        Device = device;
        _usable = DeviceTopology.From(device, usableOnly: true);
        _rows = new int[]?[device.NumQubits];
        foreach (var c in device.Couplers)
        {
            if ((uint)c.Control >= (uint)device.NumQubits || (uint)c.Target >= (uint)device.NumQubits) continue;
            if (!DeviceTopology.IsUsable(device, c)) continue;
            var key = Key(c.Control, c.Target);
            _errors[key] = _errors.TryGetValue(key, out var e) ? Math.Min(e, c.Error) : c.Error;
        }
        Component = Components(out var sizes);
        ComponentSize = sizes;
        MeanEdgeError = _errors.Count == 0 ? 0 : _errors.Values.Average();
    }

    public DeviceSnapshot Device { get; }

    public int NumQubits => _rows.Length;

    /// <summary>Component id of each qubit in the usable graph; -1 for offline qubits.</summary>
    public int[] Component { get; }

    public int[] ComponentSize { get; }

    public double MeanEdgeError { get; }

    public bool IsOnline(int qubit) => Device.Qubits[qubit].Status == QubitStatus.Online;

    public ReadOnlySpan<int> Neighbours(int qubit) => _usable.Neighbours(qubit);

    public int[] Row(int source)
    {
        if (_rows[source] is { } row) return row;
        row = _usable.Distances(source);
        for (var i = 0; i < row.Length; i++) if (row[i] < 0) row[i] = Unreachable;
        return _rows[source] = row;
    }

    public int Distance(int a, int b) => Row(a)[b];

    public bool Adjacent(int a, int b) => _errors.ContainsKey(Key(a, b));

    /// <summary>Error of the better direction of a usable coupling; the device mean where the pair is not coupled.</summary>
    public double EdgeError(int a, int b) => _errors.TryGetValue(Key(a, b), out var e) ? e : MeanEdgeError;

    public double ReadoutError(int qubit) => Device.Qubits[qubit].ReadoutError ?? 0;

    /// <summary>A shortest path a → b (both ends included) along usable couplers.</summary>
    public List<int> Path(int a, int b)
    {
        var toB = Row(b);
        var path = new List<int> { a };
        var current = a;
        while (current != b)
        {
            var next = -1;
            foreach (var n in Neighbours(current))
                if (toB[n] == toB[current] - 1) { next = n; break; }
            if (next < 0) throw new InvalidOperationException($"no path {a} → {b}");
            path.Add(current = next);
        }
        return path;
    }

    private static (int, int) Key(int a, int b) => a < b ? (a, b) : (b, a);

    private int[] Components(out int[] sizes)
    {
        var component = new int[NumQubits];
        Array.Fill(component, -1);
        var sizeList = new List<int>();
        var stack = new Stack<int>();
        for (var start = 0; start < NumQubits; start++)
        {
            if (component[start] >= 0 || !IsOnline(start)) continue;
            var id = sizeList.Count;
            var size = 0;
            component[start] = id;
            stack.Push(start);
            while (stack.TryPop(out var q))
            {
                size++;
                foreach (var n in Neighbours(q))
                {
                    if (component[n] >= 0) continue;
                    component[n] = id;
                    stack.Push(n);
                }
            }
            sizeList.Add(size);
        }
        sizes = [.. sizeList];
        return component;
    }
}
