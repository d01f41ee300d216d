using Qonduit.Circuits;
using Qonduit.Cli.Bench;

namespace Qonduit.Bench;

/// <summary>The data of the checkout a benchmark runs in.</summary>
internal static class Repository
{
    /// <summary>The repository's data/ folder (QASMBench, IBM backends, reference circuits).</summary>
    public static string Data() => SourceCheckout.Root() is { } root
        ? Path.Combine(root, "data")
        : throw new QonduitException("bench_no_data", "cannot find the repository's data/ folder above the working directory; pass --data");
}
