using System.Reflection;

namespace Qonduit.Placement.Tests;

/// <summary>The HTTP status the registry gives a code, as the server's problem mapping reads it.</summary>
internal static class Status
{
    public static int Of(string code) =>
        typeof(ErrorCodes.Requirement).GetFields()
            .Single(f => (string?)f.GetRawConstantValue() == code)
            .GetCustomAttribute<ErrorCodeAttribute>()!.Status;
}
