namespace Qonduit.Placement.Requirements.Evaluation;

/// <summary>
/// What an expression's names read: a lane's load indices for placement, a graph run's node states and outputs for
/// `depends` and loop conditions. The operators and functions are the same for every scope (<see cref="Expressions"/>).
/// </summary>
public interface IExpressionScope
{
    /// <summary>The value of a name; UNDEFINED when it has none (a missing or stale index, an output not produced yet).</summary>
    Value Read(string name);

    /// <summary>`defined(name)`: whether the name has a value now.</summary>
    bool IsDefined(string name);

    /// <summary>`age(name)`: seconds since the value arrived, while it is kept; UNDEFINED otherwise.</summary>
    Value Age(string name);
}
