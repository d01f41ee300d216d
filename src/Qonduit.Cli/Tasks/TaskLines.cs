using System.Globalization;
using Qonduit.Contracts.Accounting;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Cli.Tasks;

/// <summary>How `tasks list` and `tasks show` word why a task waits and how far a running one has got.</summary>
public static class TaskLines
{
    /// <summary>`tasks list`'s column: the reason's code without its area, and how many are ahead (`queued-behind, 3 ahead`).</summary>
    public static string ShortReason(PendingReason reason)
    {
        var name = reason.Code.StartsWith("pending.", StringComparison.Ordinal) ? reason.Code["pending.".Length..] : reason.Code;
        return reason.Details.TryGetValue("ahead", out var ahead) ? $"{name}, {PendingReason.FormatAhead(ahead)} ahead" : name;
    }

    /// <summary>`tasks show`'s line: `waiting [pending.lease-held, held by slurm:job:7]: every lane of …` (the holder only when the server shows it).</summary>
    public static string Reason(PendingReason reason)
    {
        var facts = new List<string> { reason.Code };
        if (reason.Details.TryGetValue("ahead", out var ahead)) facts.Add($"{PendingReason.FormatAhead(ahead)} ahead");
        if (reason.Holder is { } holder) facts.Add($"held by {holder}");
        return $"waiting [{string.Join(", ", facts)}]: {reason.Message}";
    }

    /// <summary>`progress: simulate 12 of 64 trajectories (19%), about 8 s left`: one static line, the runner's last word.</summary>
    public static string Progress(TaskProgress progress)
    {
        var phase = progress.Phase.ToString().ToLowerInvariant();
        var share = progress.Total > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({100.0 * progress.Done / progress.Total:0}%)") : "";
        var eta = progress.EtaSeconds is { } seconds ? $", about {Duration(seconds)} left" : "";
        return string.Create(CultureInfo.InvariantCulture, $"progress: {phase} {progress.Done:N0} of {progress.Total:N0} {progress.Unit}{share}{eta}");
    }

    /// <summary>`used: 12.500 lane-seconds, 100 shots, 8 simulations, 0.750 CPU seconds`: what an ended task was charged; what was not measured is left out.</summary>
    public static string Usage(TaskUsageView usage)
    {
        var parts = new List<string>();
        if (usage.LaneSeconds is { } lane) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{lane:0.000} lane-seconds"));
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{usage.Shots:N0} shots"));
        if (usage.Simulations is { } simulations) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{simulations:N0} simulation{(simulations == 1 ? "" : "s")}"));
        if (usage.CpuSeconds is { } cpu) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{cpu:0.000} CPU seconds"));
        return "used: " + string.Join(", ", parts);
    }

    private static string Duration(double seconds) => seconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(seconds):0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(seconds / 60):0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h"),
    };
}
