namespace Qonduit.Contracts.Identity;

/// <summary>
/// A user: the tenant (its tasks, leases and events are its own, whichever of its keys made them). <see cref="Consumer"/>
/// is the fair-share account it is charged to: the stored one, or the user's own name when none is set.
/// </summary>
public sealed record UserView(string Name, string Consumer, DateTimeOffset CreatedAt, IReadOnlyList<KeyView> Keys);

/// <summary>
/// One API key of a user (never its secret). <see cref="Role"/> is user, agent or admin; <see cref="AgentIds"/> are the
/// agent ids bound to an agent key.
/// </summary>
public sealed record KeyView(string Id, string Name, string Role, string User, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, IReadOnlyList<string> AgentIds);
