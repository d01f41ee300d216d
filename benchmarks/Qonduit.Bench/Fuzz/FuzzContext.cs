using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Qonduit.Bench.Fuzz;

/// <summary>
/// What the fuzzer knows of the server under test: its keys, devices and the ids it has seen, so that generated
/// requests reach past "not found" into the handlers. Values are drawn mostly valid, sometimes hostile.
/// </summary>
public sealed class FuzzContext(FuzzKeys keys, IReadOnlyList<string> devices, FuzzCanary canary)
{
    private static readonly JsonNode Unknown = JsonValue.Create("unknown");
    private readonly ConcurrentQueue<Guid> _tasks = new();

    public FuzzKeys Keys { get; } = keys;

    public FuzzCanary Canary { get; } = canary;

    public void SawTask(Guid id)
    {
        _tasks.Enqueue(id);
        while (_tasks.Count > 1_000) _tasks.TryDequeue(out _);
    }

    public Guid TaskId(Random random)
    {
        var known = _tasks.ToArray();
        return known.Length > 0 && random.Next(4) > 0 ? known[random.Next(known.Length)] : Guid.NewGuid();
    }

    public string Device(Random random) => random.Next(16) switch
    {
        0 => "no-such-device",
        1 => new string('d', random.Next(100, 5_000)),
        2 => "../ibm_fez",
        _ => devices[random.Next(devices.Count)],
    };

    /// <summary>A value (possibly null, for "leave it out") for a member named <paramref name="name"/>, when the name says what it holds.</summary>
    public bool TryValue(string name, Random random, out JsonNode? value)
    {
        value = name switch
        {
            "circuit" => QasmMutator.Next(random, Canary.Path),
            "device" => Device(random),
            "agentId" => random.Next(6) == 0 ? "" : $"fuzz-agent-{random.Next(3)}",
            "dialect" => random.Next(8) switch { 0 => "openqasm4", 1 => "openqasm2", 2 => "openqasm3", _ => null },
            "snapshotVersion" => random.Next(4) == 0 ? random.Next(-1, 5) : null,
            "leaseToken" => random.Next(4) == 0 ? "lt_" + random.Next() : null,
            "shots" => random.Next(10) == 0 ? random.Next(int.MinValue, 1) : random.Next(1, 2_000),
            "waitMs" => random.Next(6) == 0 ? -random.Next(1, 100) : random.Next(0, 200),
            "taskIds" => new JsonArray([.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => (JsonNode)TaskId(random).ToString())]),
            "trajectories" => random.Next(4) == 0 ? random.Next(-2, 100) : null,
            _ => Unknown,
        };
        return !ReferenceEquals(value, Unknown);
    }
}

/// <summary>Keys of each role on the server under test; <see cref="OtherUser"/> probes tenant isolation.</summary>
public sealed record FuzzKeys(string Admin, string User, string OtherUser, string Agent)
{
    public string Pick(Random random) => random.Next(10) switch
    {
        0 or 1 => Admin,
        2 => OtherUser,
        3 => Agent,
        _ => User,
    };
}

/// <summary>A file on the server's machine that requests name in includes; its <see cref="Secret"/> in an answer is a leak.</summary>
public sealed record FuzzCanary(string Path, string Secret)
{
    public static FuzzCanary Create(string directory)
    {
        var canary = new FuzzCanary(System.IO.Path.Combine(directory, "canary.inc"), "canary_" + Guid.NewGuid().ToString("N"));
        // Written as a gate call so that a parser reading it would echo the name back in an "unknown gate" error.
        File.WriteAllText(canary.Path, canary.Secret + " q[0];\n");
        return canary;
    }
}
