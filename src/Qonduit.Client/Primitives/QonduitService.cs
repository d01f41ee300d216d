namespace Qonduit.Client.Primitives;

/// <summary>
/// A control plane as a set of QPUs, as in the Python client: <c>new QonduitService(client)</c>, or inside a
/// `sbatch --qpu=NAME` job <see cref="FromJobEnvironment"/>, which needs nothing but the job's environment.
/// </summary>
public sealed class QonduitService
{
    private readonly IReadOnlyList<QonduitDevice>? _jobDevices;

    public QonduitService(QonduitClient client) => Client = client;

    private QonduitService(QonduitClient client, IReadOnlyList<QonduitDevice> jobDevices) : this(client) => _jobDevices = jobDevices;

    public QonduitClient Client { get; }

    /// <summary>
    /// The service of the job's qonduit-vqpu resources (those of the first resource's control plane), each carrying the
    /// job's acquisition token so that its tasks are accounted to the job's lease.
    /// </summary>
    public static QonduitService FromJobEnvironment(IReadOnlyDictionary<string, string> environment, HttpMessageHandler? handler = null)
    {
        var job = QpuJob.Read(environment);
        if (!job.IsPresent)
            throw new Circuits.QonduitException(ErrorCodes.Qrmi.JobMissing, $"no {QpuJob.ResourcesVariable} in the environment: is this a job submitted with --qpu?");
        var devices = job.Resources.Where(r => r.IsQonduitDevice).ToList();
        if (devices.Count == 0)
            throw new Circuits.QonduitException(ErrorCodes.Qrmi.JobMissing,
                $"none of the job's resources ({string.Join(", ", job.Resources.Select(r => $"{r.Name}: {r.Type}"))}) is a {QpuJob.QonduitVqpu} with a {QpuJob.UrlKey}");
        var first = devices[0];
        var url = new Uri(first.Url!.EndsWith('/') ? first.Url : first.Url + "/");
        var http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.BaseAddress = url;
        http.Timeout = Timeout.InfiniteTimeSpan;
        var client = new QonduitClient(http, first.ApiKey);
        return new QonduitService(client, [.. devices
            .Where(d => d.Url!.TrimEnd('/') == first.Url.TrimEnd('/'))
            .Select(d => new QonduitDevice(client, d.Device, d.LeaseToken, d.Name))]);
    }

    /// <summary>The job's devices when built from the job environment, otherwise every device of the control plane.</summary>
    public async Task<IReadOnlyList<QonduitDevice>> ResourcesAsync(CancellationToken cancellationToken = default)
    {
        if (_jobDevices is not null) return _jobDevices;
        var listing = await Client.ListDevicesAsync(cancellationToken).ConfigureAwait(false);
        return [.. listing.Select(d => new QonduitDevice(Client, d.Device))];
    }

    /// <summary>A job device by its resource name, else the control plane's device of that name without a lease.</summary>
    public QonduitDevice Resource(string name) =>
        _jobDevices?.FirstOrDefault(d => d.Name == name) ?? new QonduitDevice(Client, name);
}
