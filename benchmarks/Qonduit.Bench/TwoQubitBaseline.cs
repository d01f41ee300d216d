using System.Text.Json;
using System.Text.Json.Nodes;
using Qonduit.Cli.Bench;

namespace Qonduit.Bench;

/// <summary>
/// bench/baselines/transpile-2q.json: the two-qubit gate count of every QASMBench circuit (those with two-qubit gates)
/// after the default pipeline on each benchmark device, as a fixed transpiler produced it, so later transpilers are
/// judged by the geometric mean of (their count ÷ the baseline's) over the same circuits.
/// </summary>
internal sealed class TwoQubitBaseline
{
    private TwoQubitBaseline(string? commit, Dictionary<(string Device, string Circuit), int> counts)
    {
        Commit = commit;
        Counts = counts;
    }

    public string? Commit { get; }

    public IReadOnlyDictionary<(string Device, string Circuit), int> Counts { get; }

    public static string DefaultPath() =>
        Path.Combine(SourceCheckout.Root() ?? Environment.CurrentDirectory, "bench", "baselines", "transpile-2q.json");

    public static TwoQubitBaseline? Read(string path)
    {
        if (!File.Exists(path)) return null;
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var counts = new Dictionary<(string, string), int>();
        foreach (var (device, circuits) in root["devices"]!.AsObject())
            foreach (var (circuit, count) in circuits!.AsObject()) counts[(device, circuit)] = count!.GetValue<int>();
        return new TwoQubitBaseline(root["commit"]?.GetValue<string>(), counts);
    }

    /// <summary>Writes the counts, leaving out circuits that have no two-qubit gate after transpiling.</summary>
    public static void Write(string path, string? commit, IEnumerable<(string Device, string Circuit, int TwoQubitGates)> rows)
    {
        var devices = new JsonObject();
        foreach (var group in rows.Where(r => r.TwoQubitGates > 0).GroupBy(r => r.Device))
        {
            var circuits = new JsonObject();
            foreach (var row in group.OrderBy(r => r.Circuit, StringComparer.Ordinal)) circuits[row.Circuit] = row.TwoQubitGates;
            devices[group.Key] = circuits;
        }
        var root = new JsonObject
        {
            ["what"] = "two-qubit gates after the default pipeline of qonduit bench transpile (noise-aware layout, SABRE, seed 0)",
            ["commit"] = commit,
            ["devices"] = devices,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>
    /// Geometric mean over the baseline's circuits that were measured again of (count ÷ baseline count); a count of 0
    /// is taken as 1 so the mean stays finite (and never claims more than one gate saved by vanishing).
    /// </summary>
    public (double GeometricMean, int Circuits, (string Device, string Circuit, double Ratio)? Worst) Compare(IEnumerable<(string Device, string Circuit, int TwoQubitGates)> rows)
    {
        var logSum = 0.0;
        var n = 0;
        (string, string, double)? worst = null;
        foreach (var (device, circuit, count) in rows)
        {
            if (!Counts.TryGetValue((device, circuit), out var baseline)) continue;
            var ratio = (double)Math.Max(count, 1) / baseline;
            logSum += Math.Log(ratio);
            n++;
            if (worst is not { } w || ratio > w.Item3) worst = (device, circuit, ratio);
        }
        return (n == 0 ? double.NaN : Math.Exp(logSum / n), n, worst);
    }
}
