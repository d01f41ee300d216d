using System.Text.RegularExpressions;
using Qonduit.Circuits;
using Qonduit.Qrmi;
using Qonduit.Qrmi.Config;
using Qonduit.Qrmi.Local;
using Qonduit.Qrmi.Provider;

namespace Qonduit.Cli.Slurm;

/// <summary>A QPU as Slurm sees it: a licence named <c>qpu_&lt;name&gt;</c> with one unit per execution lane.</summary>
internal sealed partial record SlurmDevice(string Name, int Lanes, string? Note = null)
{
    public string License => $"qpu_{Name}";

    /// <summary>`--devices ibm_fez:2,sim` (lanes default to 1).</summary>
    public static IReadOnlyList<SlurmDevice> Parse(string list) =>
    [
        .. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item =>
        {
            var parts = item.Split(':');
            if (parts.Length > 2 || !NamePattern().IsMatch(parts[0]))
                throw new QonduitException(ErrorCodes.Cli.InvalidArguments, $"--devices: '{item}' is not NAME or NAME:LANES (NAME: letters, digits, '_')");
            var lanes = 1;
            if (parts.Length == 2 && (!int.TryParse(parts[1], out lanes) || lanes < 1))
                throw new QonduitException(ErrorCodes.Cli.InvalidArguments, $"--devices: lanes of '{parts[0]}' must be a positive integer");
            return new SlurmDevice(parts[0], lanes);
        }),
    ];

    /// <summary>The configured resources; a control-plane device is asked for its lanes, a local one reads its setting.</summary>
    public static async Task<IReadOnlyList<SlurmDevice>> FromConfigAsync(QrmiConfig config, CancellationToken cancellationToken)
    {
        var factory = new ResourceFactory();
        var devices = new List<SlurmDevice>();
        foreach (var definition in config.Resources)
        {
            if (definition.Type == ResourceTypes.LocalSimulator)
            {
                devices.Add(new SlurmDevice(definition.Name, definition.GetInt(LocalSimulatorResource.LanesKey, 1)));
                continue;
            }
            try
            {
                var metrics = await factory.Create(definition).MetricsAsync(cancellationToken);
                devices.Add(new SlurmDevice(definition.Name, Math.Max(1, metrics.Lanes)));
            }
            catch (QrmiException e)
            {
                devices.Add(new SlurmDevice(definition.Name, 1, $"lanes unknown ({e.Message}); 1 assumed"));
            }
        }
        return devices;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();
}
