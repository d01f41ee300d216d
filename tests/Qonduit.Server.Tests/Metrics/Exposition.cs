using System.Globalization;

namespace Qonduit.Server.Tests.Metrics;

/// <summary>The samples of a Prometheus text exposition, keyed by `name{labels}` exactly as written.</summary>
internal static class Exposition
{
    public static async Task<IReadOnlyDictionary<string, double>> ScrapeAsync(HttpClient client)
    {
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return Parse(text);
    }

    public static IReadOnlyDictionary<string, double> Parse(string text) =>
        text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .ToDictionary(line => line[..line.LastIndexOf(' ')], line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture),
                StringComparer.Ordinal);
}
