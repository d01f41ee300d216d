namespace Qonduit.Server.Tests.Infrastructure;

/// <summary>Waits for a condition another thread makes true (a request reaching its wait point); fails after a generous bound.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(5);
        }
    }
}
