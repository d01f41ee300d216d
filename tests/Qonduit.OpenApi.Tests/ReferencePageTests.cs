using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Qonduit.OpenApi.Tests;

/// <summary>
/// The API reference at /docs, as a person sees it: headless Chromium (scripts/setup/chromium.sh) renders the page,
/// which builds itself client-side from the OpenAPI document, with every host but the server unresolvable.
/// </summary>
public sealed partial class ReferencePageTests
{
    [Fact]
    public async Task The_reference_page_lists_every_operation_and_loads_nothing_from_elsewhere()
    {
        await using var api = await ServedApi.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = api.Server.Url };
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var page = new Uri(api.Server.Url, "/docs/");
        var netLog = Path.Combine(Path.GetTempPath(), $"qonduit-docs-{Guid.NewGuid():N}.json");

        var text = VisibleText(await ChromiumAsync(page, netLog));

        // Each operation appears in the page's navigation under its summary, or its path when it has none.
        var titles = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => operation.Value!["summary"]?.GetValue<string>() ?? path.Key))
            .ToList();
        Assert.True(titles.Count >= 25, $"only {titles.Count} operations in the document");
        Assert.All(titles, title => Assert.Contains(title, text));
        Assert.Contains("Qonduit control plane", text);

        var loaded = PageRequests(netLog, page);
        File.Delete(netLog);
        Assert.Contains(new Uri(api.Server.Url, "/openapi/v1.json"), loaded);
        Assert.All(loaded, url => Assert.Equal(api.Server.Url.GetLeftPart(UriPartial.Authority), url.GetLeftPart(UriPartial.Authority)));
    }

    private static async Task<string> ChromiumAsync(Uri page, string netLog)
    {
        var start = new ProcessStartInfo("chromium",
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            // Nothing but the server resolves, as on a host without internet access.
            $"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {page.Host}",
            $"--log-net-log={netLog}",
            // Lets the page's scripts run to completion before the DOM is dumped.
            "--virtual-time-budget=10000",
            "--dump-dom", page.ToString(),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var chromium = Process.Start(start)!;
        var stderr = chromium.StandardError.ReadToEndAsync();
        var dom = await chromium.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await chromium.WaitForExitAsync(timeout.Token);
        Assert.True(chromium.ExitCode == 0, await stderr);
        return dom;
    }

    // Line-break hints (<wbr>) split words inside the page's elements; the text is what a reader sees.
    private static string VisibleText(string dom) => System.Net.WebUtility.HtmlDecode(Tags().Replace(dom, ""));

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex Tags();

    /// <summary>
    /// The URLs the page's own code and markup requested (their initiator is the page's origin), apart from the
    /// browser's background traffic (update checks, autofill), which a page cannot cause.
    /// </summary>
    private static List<Uri> PageRequests(string netLog, Uri page)
    {
        var log = JsonNode.Parse(File.ReadAllText(netLog))!;
        var startJob = log["constants"]!["logEventTypes"]!["URL_REQUEST_START_JOB"]!.GetValue<int>();
        var origin = page.GetLeftPart(UriPartial.Authority);
        return [.. log["events"]!.AsArray()
            .Where(e => e?["type"]?.GetValue<int>() == startJob)
            .Select(e => e!["params"])
            .Where(p => p?["initiator"]?.GetValue<string>() == origin)
            .Select(p => new Uri(p!["url"]!.GetValue<string>()))
            .Distinct()];
    }
}
