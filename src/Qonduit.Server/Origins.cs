namespace Qonduit.Server;

/// <summary>Who a refusal or a task's error is attributed to (docs/architecture.md "REST API").</summary>
public static class Origins
{
    public const string Admission = "admission";
    public const string Protocol = "protocol";
    public const string Scheduler = "scheduler";
    public const string Runner = "runner";
    public const string Agent = "agent";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Admission, Protocol, Scheduler, Runner, Agent, Admin };
}
