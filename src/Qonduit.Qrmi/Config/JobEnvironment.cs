using Qonduit.Client.Primitives;

namespace Qonduit.Qrmi.Config;

/// <summary>
/// What the SPANK plugin put into a job's environment (docs/architecture.md "QRMI"): the resource names and types, and per
/// resource its acquisition token, timeout and every <c>{name}_QRMI_*</c> setting, so a job's program reaches its
/// QPU from the environment alone.
/// </summary>
public sealed record JobEnvironment(IReadOnlyList<JobResource> Resources)
{
    public const string ResourcesVariable = QpuJob.ResourcesVariable;
    public const string TypesVariable = QpuJob.TypesVariable;
    public const string TokenKey = QpuJob.TokenKey;
    public const string TimeoutKey = QpuJob.TimeoutKey;

    public bool IsPresent => Resources.Count > 0;

    /// <summary>Reads the QRMI variables, falling back to the legacy <c>SLURM_JOB_QPU_*</c> names.</summary>
    public static JobEnvironment Read(IReadOnlyDictionary<string, string> environment)
    {
        var names = QpuJob.Names(environment);
        var types = QpuJob.Types(environment);
        if (types.Count != 0 && types.Count != names.Count)
            throw new QrmiConfigException(
                $"{ResourcesVariable} names {names.Count} resources but {TypesVariable} gives {types.Count} types");
        var resources = new List<JobResource>();
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            QrmiConfig.ValidateName(name, ResourcesVariable);
            var settings = QrmiConfig.UserOverrides(name, environment);
            var type = types.Count > 0 ? types[i] : settings.GetValueOrDefault(QpuJob.TypeKey)
                ?? throw new QrmiConfigException($"the job environment gives no type for resource '{name}' ({TypesVariable})");
            QrmiConfig.ValidateType(name, type, TypesVariable);
            settings.TryGetValue(TokenKey, out var token);
            int? timeout = settings.TryGetValue(TimeoutKey, out var t) && int.TryParse(t, out var seconds) ? seconds : null;
            resources.Add(new JobResource(new ResourceDefinition(name, type, settings), token, timeout));
        }
        return new JobEnvironment(resources);
    }
}

/// <summary>One resource the job holds: its definition, acquisition token and timeout (seconds).</summary>
public sealed record JobResource(ResourceDefinition Definition, string? AcquisitionToken, int? TimeoutSeconds)
{
    public string Name => Definition.Name;

    public string Type => Definition.Type;
}
