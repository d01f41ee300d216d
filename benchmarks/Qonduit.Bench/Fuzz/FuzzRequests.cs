using System.Net.Http.Headers;
using System.Text;

namespace Qonduit.Bench.Fuzz;

/// <summary>Builds one request of an operation: route and query values, headers and body, each sometimes mutated.</summary>
public static class FuzzRequests
{
    private static readonly string[] Garbage = ["", "-1", "0", "abc", "%00", "..%2F..%2Fetc", "9999999999999999999999", "null", "' OR 1=1 --", "💥"];

    public static HttpRequestMessage Build(FuzzOperation operation, FuzzContext context, Random random)
    {
        var path = new StringBuilder(operation.Path);
        var query = new List<string>();
        var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), "/");
        foreach (var parameter in operation.Parameters)
        {
            if (parameter.In == "path")
            {
                path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(PathValue(parameter.Name, context, random)));
            }
            else if (random.Next(3) > 0)
            {
                var value = QueryValue(parameter.Name, context, random);
                if (parameter.In == "query") query.Add($"{Uri.EscapeDataString(parameter.Name)}={Uri.EscapeDataString(value)}");
                else request.Headers.TryAddWithoutValidation(parameter.Name, Ascii(value));
            }
        }
        if (random.Next(20) == 0) query.Add($"{new string('k', random.Next(1, 20_000))}=1");
        request.RequestUri = new Uri(path + (query.Count > 0 ? "?" + string.Join('&', query) : ""), UriKind.Relative);
        Authorize(request, context.Keys, random);
        if (random.Next(15) == 0) request.Headers.TryAddWithoutValidation("X-Correlation-Id", new string('c', random.Next(1, 300)));
        if (random.Next(30) == 0) request.Headers.TryAddWithoutValidation("X-Fuzz", new string('h', random.Next(1_000, 40_000)));
        if (JsonMutator.Next(operation, context, random) is { } body)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = random.Next(10) switch
            {
                0 => new MediaTypeHeaderValue("text/plain"),
                1 => null,
                2 => new MediaTypeHeaderValue("application/json") { CharSet = "utf-16" },
                _ => new MediaTypeHeaderValue("application/json"),
            };
        }
        return request;
    }

    private static string PathValue(string name, FuzzContext context, Random random)
    {
        if (random.Next(8) == 0) return Garbage[random.Next(Garbage.Length)] + (random.Next(10) == 0 ? new string('p', random.Next(100, 20_000)) : "");
        return name switch
        {
            "id" when random.Next(2) == 0 => context.Device(random),
            "version" => random.Next(-1, 5).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "token" or "tokenOrId" => random.Next(2) == 0 ? Guid.NewGuid().ToString() : "tok_" + random.Next(),
            _ => context.TaskId(random).ToString(),
        };
    }

    private static string QueryValue(string name, FuzzContext context, Random random)
    {
        if (random.Next(4) == 0) return Garbage[random.Next(Garbage.Length)];
        return name switch
        {
            "state" => random.Next(2) == 0 ? "queued" : "completed",
            "device" => context.Device(random),
            "limit" => random.Next(-5, 2_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "lastEventId" or "Last-Event-ID" => random.Next(-5, 500).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "task" => context.TaskId(random).ToString(),
            "type" => random.Next(2) == 0 ? "task.*" : "task.completed,device.*",
            _ => "x",
        };
    }

    private static void Authorize(HttpRequestMessage request, FuzzKeys keys, Random random)
    {
        var value = random.Next(16) switch
        {
            0 => null,
            1 => "Bearer",
            2 => "Basic dXNlcjpwYXNz",
            3 => "Bearer " + new string('k', random.Next(1, 10_000)),
            _ => "Bearer " + keys.Pick(random),
        };
        if (value is not null) request.Headers.TryAddWithoutValidation("Authorization", value);
    }

    /// <summary>Header values stay printable ASCII: the client refuses anything else before it is sent.</summary>
    private static string Ascii(string value) => new([.. value.Where(c => c is >= ' ' and <= '~')]);
}
