using Qonduit.Devices.Snapshots;

namespace Qonduit.Devices.Topology;

/// <summary>
/// The coupling graph of a snapshot as lookups: directed coupler by (control, target) in O(1), and the undirected
/// neighbourhood and degree of each qubit. Built once per snapshot in O(qubits + couplers); readers (admission,
/// transpiler, noise model) treat it as data and never ask which vendor or family the device belongs to.
/// </summary>
public sealed class DeviceTopology
{
    private readonly Dictionary<(int Control, int Target), Coupler> _couplers;
    private readonly int[][] _neighbours;

    private DeviceTopology(DeviceSnapshot snapshot, Dictionary<(int, int), Coupler> couplers, int[][] neighbours)
    {
        Snapshot = snapshot;
        _couplers = couplers;
        _neighbours = neighbours;
    }

    public DeviceSnapshot Snapshot { get; }

    public int NumQubits => _neighbours.Length;

    /// <summary>Number of directed couplers in the graph.</summary>
    public int CouplerCount => _couplers.Count;

    /// <param name="usableOnly">
    /// Keep only couplers that are available and join two online qubits: the graph a router may use.
    /// </param>
    public static DeviceTopology From(DeviceSnapshot snapshot, bool usableOnly = false)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var n = snapshot.Qubits.Length;
        var couplers = new Dictionary<(int, int), Coupler>(snapshot.Couplers.Length);
        var neighbours = new List<int>[n];
        for (var q = 0; q < n; q++) neighbours[q] = [];
        foreach (var c in snapshot.Couplers)
        {
            if ((uint)c.Control >= (uint)n || (uint)c.Target >= (uint)n || c.Control == c.Target) continue;
            if (usableOnly && !IsUsable(snapshot, c)) continue;
            if (!couplers.TryAdd((c.Control, c.Target), c)) continue;
            if (!couplers.ContainsKey((c.Target, c.Control)))
            {
                neighbours[c.Control].Add(c.Target);
                neighbours[c.Target].Add(c.Control);
            }
        }
        return new DeviceTopology(snapshot, couplers, [.. neighbours.Select(l => l.Order().ToArray())]);
    }

    public static bool IsUsable(DeviceSnapshot snapshot, Coupler coupler) =>
        coupler.Status == CouplerStatus.Available
        && snapshot.Qubits[coupler.Control].Status == QubitStatus.Online
        && snapshot.Qubits[coupler.Target].Status == QubitStatus.Online;

    public bool TryGetCoupler(int control, int target, out Coupler coupler) =>
        _couplers.TryGetValue((control, target), out coupler!);

    /// <summary>Whether the pair is coupled in either direction.</summary>
    public bool AreCoupled(int a, int b) => _couplers.ContainsKey((a, b)) || _couplers.ContainsKey((b, a));

    /// <summary>Qubits coupled to <paramref name="qubit"/> in either direction, ascending.</summary>
    public ReadOnlySpan<int> Neighbours(int qubit) => _neighbours[qubit];

    /// <summary>Undirected degree: how many distinct qubits this one is coupled to.</summary>
    public int Degree(int qubit) => _neighbours[qubit].Length;

    public int MaxDegree => _neighbours.Length == 0 ? 0 : _neighbours.Max(n => n.Length);

    /// <summary>Number of undirected edges (a pair coupled both ways counts once).</summary>
    public int EdgeCount => _neighbours.Sum(n => n.Length) / 2;

    /// <summary>Hop distances from <paramref name="source"/> along couplers in either direction; -1 where unreachable.</summary>
    public int[] Distances(int source)
    {
        var distance = new int[NumQubits];
        Array.Fill(distance, -1);
        var queue = new Queue<int>();
        distance[source] = 0;
        queue.Enqueue(source);
        while (queue.TryDequeue(out var q))
        {
            foreach (var next in _neighbours[q])
            {
                if (distance[next] >= 0) continue;
                distance[next] = distance[q] + 1;
                queue.Enqueue(next);
            }
        }
        return distance;
    }

    /// <summary>Whether every qubit can reach every other along couplers (ignoring direction).</summary>
    public bool IsConnected => NumQubits == 0 || Array.TrueForAll(Distances(0), d => d >= 0);
}
