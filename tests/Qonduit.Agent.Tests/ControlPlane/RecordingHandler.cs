using System.Net;
using System.Text;
using Qonduit.Agent.ControlPlane;

namespace Qonduit.Agent.Tests.ControlPlane;

/// <summary>Answers each request with a canned body and keeps what was sent.</summary>
internal sealed class RecordingHandler(string answer) : HttpMessageHandler
{
    public List<(HttpMethod Method, string Path, string? Body)> Requests { get; } = [];

    /// <summary>The agent's side of the protocol, talking to this handler.</summary>
    public HttpControlPlane Agent(IReadOnlyList<string>? commands = null) =>
        new(new HttpClient(this) { BaseAddress = new Uri("http://plane/") }, "key", "agent-1", commands: commands);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, request.RequestUri!.AbsolutePath, body));
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
    }
}
