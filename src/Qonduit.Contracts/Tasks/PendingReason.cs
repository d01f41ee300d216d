namespace Qonduit.Contracts.Tasks;

/// <summary>
/// Why a queued task has not been claimed yet: a code of <c>ErrorCodes.Pending</c>, a sentence for people, and the
/// figures behind it (<c>ahead</c> for <c>pending.queued-behind</c>; empty for the others). Computed when the task view
/// is built from what the server knows then; null on a task that is not queued. The rules and their order are in
/// docs/architecture.md "Why a task waits".
/// </summary>
public sealed record PendingReason(string Code, string Message, IReadOnlyDictionary<string, long> Details);
