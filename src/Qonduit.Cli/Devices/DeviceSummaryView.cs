using System.Globalization;
using Qonduit.Devices.Snapshots;
using Spectre.Console;

namespace Qonduit.Cli.Devices;

/// <summary>Renders a <see cref="SnapshotSummary"/> for `qonduit devices show`.</summary>
internal static class DeviceSummaryView
{
    public static void Render(DeviceSnapshot snapshot, SnapshotSummary summary)
    {
        // Plain lines go straight to stdout: Spectre would wrap them at 80 columns when output is redirected.
        Console.WriteLine($"{summary.Device} version {summary.Version}, {summary.Source}");
        Console.WriteLine($"hash {SnapshotHash.Compute(snapshot)}, created {snapshot.CreatedAt:u}");
        Console.WriteLine($"{summary.Qubits} qubits, {summary.DirectedCouplers} directed couplers over {summary.CoupledPairs} coupled pairs, " +
                          $"max degree {summary.MaxDegree}, {(summary.Connected ? "connected" : "NOT connected")}");
        Console.WriteLine($"native gates: {string.Join(" ", summary.NativeGates)}");
        Console.WriteLine($"offline qubits: {(summary.OfflineQubits.Count == 0 ? "none" : string.Join(", ", summary.OfflineQubits))}");
        Console.WriteLine($"unavailable couplers: {(summary.UnavailableCouplers.Count == 0 ? "none" : string.Join(", ", summary.UnavailableCouplers.Select(c => $"{c.Control}->{c.Target}")))}");

        var table = new Table().AddColumn("quantity").AddColumn(new TableColumn("median").RightAligned())
            .AddColumn(new TableColumn("worst").RightAligned()).AddColumn(new TableColumn("over").RightAligned());
        foreach (var s in summary.Statistics)
        {
            var unit = s.Unit.Length == 0 ? "" : " " + s.Unit;
            table.AddRow(Markup.Escape(s.Name), Format(s.Median) + unit, Format(s.Worst) + unit, s.Count.ToString(CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
    }

    private static string Format(double value) =>
        value == 0 ? "0" : Math.Abs(value) >= 0.1 ? value.ToString("0.##", CultureInfo.InvariantCulture) : value.ToString("0.###e+0", CultureInfo.InvariantCulture);
}
