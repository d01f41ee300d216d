namespace Qonduit.Storage;

/// <summary>
/// A user: the tenant of tasks, leases and events, holding any number of keys (<see cref="ApiKeyRecord.User"/>).
/// <see cref="Consumer"/> is the fair-share account it is charged to; null until a fair-share policy sets one, and then
/// the user's own name stands for it (<see cref="EffectiveConsumer"/>).
/// </summary>
public sealed record UserRecord(string Name, string? Consumer, DateTimeOffset CreatedAt)
{
    public string EffectiveConsumer => Consumer ?? Name;
}
