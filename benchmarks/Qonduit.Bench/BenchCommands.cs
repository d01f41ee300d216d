using System.CommandLine;

namespace Qonduit.Bench;

/// <summary>`qonduit bench ...`: whole-system figures, each printed beside a bound measured in the same run.</summary>
public static class BenchCommands
{
    public static RootCommand Create()
    {
        var bench = new RootCommand("qonduit bench: measure Qonduit on this machine; each figure is printed beside its bound and appended to bench/results/");
        // One line per benchmark family; each lives in its own file of this folder.
        bench.Subcommands.Add(ParseBenchmark.Create());
        bench.Subcommands.Add(SimBenchmark.Create());
        bench.Subcommands.Add(QsimBenchmark.Create());
        bench.Subcommands.Add(TranspileBenchmark.Create());
        bench.Subcommands.Add(EndToEndBenchmark.Create());
        bench.Subcommands.Add(ServerBenchmark.Create());
        bench.Subcommands.Add(FuzzBenchmark.Create());
        bench.Subcommands.Add(PlacementBenchmark.Create());
        bench.Subcommands.Add(FairShareBenchmark.Create());
        bench.Subcommands.Add(LoadIndexIngestBenchmark.Create());
        bench.Subcommands.Add(DispatchBenchmark.Create());
        bench.Subcommands.Add(GraphBenchmark.Create());
        bench.Subcommands.Add(ClaimsBenchmark.Create());
        return bench;
    }
}
