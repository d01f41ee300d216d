using Qonduit.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Qonduit.Server.Tests.Events;

public sealed class ScratchDebug(ITestOutputHelper output)
{
    [Fact]
    public async Task Debug_sse()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events");
        using var response = await host.Admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        output.WriteLine("headers " + response.StatusCode);
        var stream = await response.Content.ReadAsStreamAsync();
        output.WriteLine("stream " + stream.GetType());
        var buffer = new byte[4096];
        var read = stream.ReadAsync(buffer).AsTask();
        output.WriteLine("read started " + read.IsCompleted);
        await host.SubmitAsync();
        output.WriteLine("submitted; subscribers " + host.Get<Qonduit.Server.Events.EventHub>().SubscriberCount);
        var done = await Task.WhenAny(read, Task.Delay(3000));
        output.WriteLine("read done " + (done == read) + " " + (read.IsCompleted ? System.Text.Encoding.UTF8.GetString(buffer, 0, await read) : ""));
    }
}
