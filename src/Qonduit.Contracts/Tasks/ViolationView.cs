namespace Qonduit.Contracts.Tasks;

/// <summary>One admissibility violation as problem details and the viability answer list it.</summary>
public sealed record ViolationView(string Code, string Kind, int? InstructionIndex, int? Line, int? Column, string Message);
