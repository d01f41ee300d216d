namespace Qonduit.IntegrationTests.Server;

/// <summary>Waits for a condition a real process makes true; fails after <c>bound</c>, naming what it waited for.</summary>
public static class Until
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out after {bound.TotalSeconds:0} s waiting for {what}");
            await Task.Delay(50);
        }
    }
}
