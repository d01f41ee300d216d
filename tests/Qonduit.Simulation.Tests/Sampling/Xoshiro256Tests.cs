using Qonduit.Simulation.Sampling;

namespace Qonduit.Simulation.Tests.Sampling;

public sealed class Xoshiro256Tests
{
    [Fact]
    public void A_seed_gives_the_same_stream_every_time()
    {
        var a = new Xoshiro256(123);
        var b = new Xoshiro256(123);
        for (var i = 0; i < 1000; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void The_stream_is_pinned_so_results_stay_reproducible_across_versions()
    {
        // Seed 0 through splitmix64 and xoshiro256**; a change here changes every seeded result Qonduit has published.
        var rng = new Xoshiro256(0);
        Assert.Equal(0x99EC5F36CB75F2B4UL, rng.NextUInt64());
        Assert.Equal(0xBF6E1F784956452AUL, rng.NextUInt64());
    }

    [Fact]
    public void Doubles_are_uniform_on_the_unit_interval_and_bounded_integers_stay_below_the_bound()
    {
        var rng = new Xoshiro256(7);
        var sum = 0.0;
        for (var i = 0; i < 100_000; i++)
        {
            var u = rng.NextDouble();
            Assert.InRange(u, 0.0, 1.0 - double.Epsilon);
            sum += u;
            Assert.InRange(rng.NextUInt64(10), 0UL, 9UL);
        }
        Assert.Equal(0.5, sum / 100_000, 0.01);
    }
}
