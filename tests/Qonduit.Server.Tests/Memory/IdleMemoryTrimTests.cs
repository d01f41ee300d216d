using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qonduit.Server.Memory;
using Qonduit.Tests.Shared;

namespace Qonduit.Server.Tests.Memory;

public sealed class IdleMemoryTrimTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly IdleMemoryTrim _trim;

    public IdleMemoryTrimTests() =>
        _trim = new IdleMemoryTrim(Options.Create(new ServerOptions { IdleTrimAfter = TimeSpan.FromSeconds(2) }), _time, NullLogger<IdleMemoryTrim>.Instance);

    [Fact]
    public void A_burst_of_large_garbage_is_collected_and_decommitted_once_no_request_came_for_the_idle_period()
    {
        _trim.RequestStarted();
        AllocateLargeGarbage();
        Assert.False(_trim.TrimIfIdle());

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_trim.TrimIfIdle());
        _time.Advance(TimeSpan.FromSeconds(1));
        var collections = GC.CollectionCount(GC.MaxGeneration);
        Assert.True(_trim.TrimIfIdle());
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > collections);
    }

    [Fact]
    public void A_new_request_restarts_the_idle_period()
    {
        AllocateLargeGarbage();
        _time.Advance(TimeSpan.FromSeconds(5));
        _trim.RequestStarted();
        _time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.False(_trim.TrimIfIdle());
    }

    /// <summary>64 MiB in large arrays, as refused request bodies leave it: garbage the moment it is made.</summary>
    private static void AllocateLargeGarbage()
    {
        for (var i = 0; i < 64; i++) GC.KeepAlive(new byte[1024 * 1024]);
    }
}
