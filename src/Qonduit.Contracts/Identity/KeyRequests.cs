namespace Qonduit.Contracts.Identity;

/// <summary>
/// `POST /v1/keys` (admin): a key of <see cref="User"/> with <see cref="Role"/> (user, agent or admin). Without a user the
/// key is its own user of its name (as `qonduit keys create NAME` always made it); without a name it is named after its
/// user with a random suffix. One of the two is needed.
/// </summary>
public sealed record CreateKeyRequest(string Role, string? User = null, string? Name = null);

/// <summary>The answer to `POST /v1/keys`: the only time <see cref="Secret"/> is ever shown (the server keeps its hash); <see cref="Id"/> is the key's public name.</summary>
public sealed record CreatedKeyView(string Id, string Name, string User, string Role, string Secret, DateTimeOffset CreatedAt);
