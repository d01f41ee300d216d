namespace Qonduit.Client.Primitives;

/// <summary>
/// The QPUs a Slurm job holds, read from the variables the `--qpu` plugin sets (docs/architecture.md "QRMI"):
/// <c>QRMI_JOB_QPU_RESOURCES</c> and <c>QRMI_JOB_QPU_TYPES</c> (or their legacy <c>SLURM_JOB_QPU_*</c> aliases) and,
/// per resource, <c>{name}_QRMI_QONDUIT_URL</c>, <c>_API_KEY</c>, <c>_DEVICE</c>, <c>_JOB_ACQUISITION_TOKEN</c>.
/// Python's <c>QonduitService.from_job_environment()</c> reads the same.
/// </summary>
public sealed record QpuJob(IReadOnlyList<QpuJobResource> Resources)
{
    public const string ResourcesVariable = "QRMI_JOB_QPU_RESOURCES";
    public const string TypesVariable = "QRMI_JOB_QPU_TYPES";
    public const string LegacyResourcesVariable = "SLURM_JOB_QPU_RESOURCES";
    public const string LegacyTypesVariable = "SLURM_JOB_QPU_TYPES";
    public const string TokenKey = "QRMI_JOB_ACQUISITION_TOKEN";
    public const string TimeoutKey = "QRMI_JOB_TIMEOUT_SECONDS";
    public const string TypeKey = "QRMI_TYPE";
    public const string UrlKey = "QRMI_QONDUIT_URL";
    public const string ApiKeyKey = "QRMI_QONDUIT_API_KEY";
    public const string DeviceKey = "QRMI_QONDUIT_DEVICE";

    /// <summary>The resource type whose devices a Qonduit control plane serves (the others run elsewhere).</summary>
    public const string QonduitVqpu = "qonduit-vqpu";

    public bool IsPresent => Resources.Count > 0;

    /// <summary>The job's resource names, falling back to the legacy variable.</summary>
    public static IReadOnlyList<string> Names(IReadOnlyDictionary<string, string> environment) =>
        Split(Lookup(environment, ResourcesVariable, LegacyResourcesVariable));

    /// <summary>The job's resource types, one per name, or none when the variable is absent.</summary>
    public static IReadOnlyList<string> Types(IReadOnlyDictionary<string, string> environment) =>
        Split(Lookup(environment, TypesVariable, LegacyTypesVariable));

    public static QpuJob Read(IReadOnlyDictionary<string, string> environment)
    {
        var names = Names(environment);
        var types = Types(environment);
        if (types.Count != 0 && types.Count != names.Count)
            throw new Circuits.QonduitException(ErrorCodes.Qrmi.ConfigInvalid, $"{ResourcesVariable} names {names.Count} resources but {TypesVariable} gives {types.Count} types");
        string? Setting(string name, string key) => environment.TryGetValue($"{name}_{key}", out var v) && v.Length > 0 ? v : null;
        return new QpuJob([.. names.Select((name, i) => new QpuJobResource(
            name,
            types.Count > 0 ? types[i] : Setting(name, TypeKey) ?? QonduitVqpu,
            Setting(name, UrlKey),
            Setting(name, ApiKeyKey),
            Setting(name, DeviceKey) ?? name,
            Setting(name, TokenKey),
            int.TryParse(Setting(name, TimeoutKey), out var seconds) ? seconds : null))]);
    }

    private static string? Lookup(IReadOnlyDictionary<string, string> environment, string name, string legacy) =>
        environment.TryGetValue(name, out var value) && value.Length > 0 ? value
        : environment.TryGetValue(legacy, out var old) && old.Length > 0 ? old : null;

    private static string[] Split(string? list) =>
        list is null ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>One resource of a job; <see cref="Url"/> is set for a device of a Qonduit control plane.</summary>
public sealed record QpuJobResource(string Name, string Type, string? Url, string? ApiKey, string Device, string? LeaseToken, int? TimeoutSeconds)
{
    public bool IsQonduitDevice => Type == QpuJob.QonduitVqpu && Url is not null;
}
