namespace Qonduit.Transpiler.Pipeline;

/// <summary>One named step of the pipeline; it rewrites the context's circuit in place.</summary>
internal interface ITranspilerPass
{
    string Name { get; }

    string Description { get; }

    void Run(TranspileContext context);
}
