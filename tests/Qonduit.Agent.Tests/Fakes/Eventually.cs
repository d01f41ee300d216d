namespace Qonduit.Agent.Tests.Fakes;

/// <summary>Waits for a condition a process or another thread makes true; fails after a generous bound.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out after {seconds} s waiting for {what}");
            await Task.Delay(10);
        }
    }
}
