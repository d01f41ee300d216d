using Qonduit.Qrmi.Config;
using Qonduit.Qrmi.Local;
using Qonduit.Qrmi.Vqpu;

namespace Qonduit.Qrmi.Provider;

/// <summary>Builds the adapter a definition's type names. One HttpClient serves every REST resource.</summary>
public sealed class ResourceFactory(HttpClient? http = null, TimeProvider? time = null)
{
    private readonly Lazy<HttpClient> _http = new(() => http ?? new HttpClient { Timeout = TimeSpan.FromMinutes(2) });

    public IQuantumResource Create(ResourceDefinition definition) => definition.Type switch
    {
        ResourceTypes.QonduitVqpu => new QonduitVqpuResource(definition, _http.Value, time),
        ResourceTypes.LocalSimulator => new LocalSimulatorResource(definition, time),
        _ => throw new QrmiConfigException($"resource '{definition.Name}' has unknown type '{definition.Type}'"),
    };
}
