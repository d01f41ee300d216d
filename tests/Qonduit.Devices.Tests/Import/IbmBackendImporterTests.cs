using System.Text.Json.Nodes;
using Qonduit.Devices.Import;
using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Topology;
using Qonduit.Tests.Shared;

namespace Qonduit.Devices.Tests.Import;

public sealed class IbmBackendImporterTests
{
    public static DeviceSnapshot ImportShared(string name) =>
        IbmBackendImporter.Import(File.ReadAllText(RepoPaths.IbmBackend("conf", name)), File.ReadAllText(RepoPaths.IbmBackend("props", name)));

    [Theory]
    [InlineData("fez", "ibm_fez", 156, 352, "cz")]
    [InlineData("torino", "ibm_torino", 133, 300, "cz")]
    [InlineData("brisbane", "ibm_brisbane", 127, 144, "ecr")]
    [InlineData("nairobi", "ibm_nairobi", 7, 12, "cx")]
    [InlineData("manila", "ibmq_manila", 5, 8, "cx")]
    public void Every_shared_backend_imports_with_its_qubits_and_directed_couplers(string file, string device, int qubits, int couplers, string gate)
    {
        var snapshot = ImportShared(file);

        Assert.Equal(device, snapshot.Device);
        Assert.Equal(qubits, snapshot.NumQubits);
        Assert.Equal(couplers, snapshot.Couplers.Length);
        Assert.All(snapshot.Couplers, c => Assert.Equal(gate, c.Gate));
        Assert.Contains(gate, snapshot.NativeGates);
        Assert.Empty(SnapshotValidator.Problems(snapshot));
        Assert.All(snapshot.Qubits, q => Assert.True(q.T1Us > 1 && q.T1Us < 2000 && q.T2Us > 1 && q.T2Us < 2000, $"qubit {q.Index} T1/T2 not in µs"));
    }

    [Fact]
    public void Ibm_fez_qubit_0_carries_its_published_calibration()
    {
        var q0 = ImportShared("fez").Qubits[0];

        Assert.Equal(48.81, q0.T1Us!.Value, 2);
        Assert.Equal(42.38, q0.T2Us!.Value, 2);
        Assert.Equal(0.011474609375, q0.ReadoutError);
        Assert.Equal(0.017578125, q0.ProbMeas0Prep1);
        Assert.Equal(0.00537109375, q0.ProbMeas1Prep0);
        Assert.Equal(1560, q0.ReadoutLengthNs);
        Assert.Equal(24, q0.GateLengthsNs["sx"]);
        Assert.True(q0.GateErrors["sx"] > 0 && q0.GateErrors["x"] > 0);
        Assert.Equal(QubitStatus.Online, q0.Status);
    }

    [Fact]
    public void Ibm_fez_lists_every_cz_coupler_in_both_directions_with_native_gates_from_the_basis()
    {
        var snapshot = ImportShared("fez");
        var topology = DeviceTopology.From(snapshot);

        Assert.All(snapshot.Couplers, c => Assert.True(topology.TryGetCoupler(c.Target, c.Control, out _)));
        Assert.Equal(176, topology.EdgeCount);
        Assert.Equal(["cz", "id", "rz", "sx", "x"], snapshot.NativeGates.Order());
        Assert.DoesNotContain("rzz", snapshot.NativeGates);
        Assert.Equal("ibm-properties 2025-02-26T15:16:25-05:00", snapshot.Source);
        Assert.Equal(4.0, snapshot.DtNs);
    }

    [Fact]
    public void Ibm_brisbane_ecr_couplers_go_one_way_only()
    {
        var snapshot = ImportShared("brisbane");
        var topology = DeviceTopology.From(snapshot);

        Assert.Equal(144, snapshot.Couplers.Length);
        Assert.All(snapshot.Couplers, c => Assert.False(topology.TryGetCoupler(c.Target, c.Control, out _), $"{c.Target}->{c.Control} should not exist"));
        Assert.Equal(144, topology.EdgeCount);
    }

    [Fact]
    public void Couplers_that_ibm_reports_with_error_one_are_unavailable_and_the_rest_available()
    {
        var fez = ImportShared("fez");
        var brisbane = ImportShared("brisbane");

        var broken = fez.Couplers.Where(c => c.Status == CouplerStatus.Unavailable).ToArray();
        Assert.Equal(14, broken.Length);
        Assert.All(broken, c => Assert.Equal(1.0, c.Error));
        Assert.Contains(broken, c => c.Control == 106 && c.Target == 107);
        Assert.All(fez.Couplers.Except(broken), c => Assert.True(c.Error < IbmBackendImporter.BrokenCouplerError));
        Assert.Equal((25, 24), brisbane.Couplers.Where(c => c.Status == CouplerStatus.Unavailable).Select(c => (c.Control, c.Target)).Single());
    }

    [Fact]
    public void A_qubit_whose_operational_flag_is_zero_is_offline()
    {
        var (conf, props) = Manila();
        ((JsonArray)props["qubits"]![2]!).Add(new JsonObject { ["name"] = "operational", ["unit"] = "", ["value"] = 0 });

        var snapshot = IbmBackendImporter.Import(conf.ToJsonString(), props.ToJsonString());

        Assert.Equal([2], snapshot.Qubits.Where(q => q.Status == QubitStatus.Offline).Select(q => q.Index));
    }

    [Fact]
    public void Times_are_converted_from_the_unit_each_entry_states()
    {
        var (conf, props) = Manila();
        var t1 = props["qubits"]![0]![0]!;
        Assert.Equal("T1", (string)t1["name"]!);
        t1["unit"] = "ms";
        t1["value"] = 0.25;
        props["qubits"]![0]![7]!["unit"] = "dt";
        props["qubits"]![0]![7]!["value"] = 1000;

        var q0 = IbmBackendImporter.Import(conf.ToJsonString(), props.ToJsonString()).Qubits[0];

        Assert.Equal(250, q0.T1Us!.Value, 9);
        Assert.Equal(1000 * 0.2222222222222222, q0.ReadoutLengthNs!.Value, 9);
    }

    [Fact]
    public void An_unknown_time_unit_is_a_typed_error_naming_the_qubit()
    {
        var (conf, props) = Manila();
        props["qubits"]![1]![0]!["unit"] = "fortnights";

        var e = Assert.Throws<DeviceImportException>(() => IbmBackendImporter.Import(conf.ToJsonString(), props.ToJsonString()));

        Assert.Equal(ErrorCodes.Import.Malformed, e.Code);
        Assert.Contains("qubit 1 T1", e.Message);
        Assert.Contains("fortnights", e.Message);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("""{"backend_name": "ibmq_manila", "n_qubits": 0, "basis_gates": []}""", "n_qubits")]
    [InlineData("""{"n_qubits": 5, "basis_gates": []}""", "backend_name")]
    public void Malformed_configuration_is_a_typed_error(string conf, string expected)
    {
        var (_, props) = Manila();

        var e = Assert.Throws<DeviceImportException>(() => IbmBackendImporter.Import(conf, props.ToJsonString()));

        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("gates", "{}", "'gates' is not a list")]
    [InlineData("qubits", "[[{\"name\": \"T1\", \"unit\": \"us\", \"value\": \"long\"}], [], [], [], []]", "qubit 0 'T1': 'value' is not a number")]
    [InlineData("qubits", "[]", "0 qubits")]
    [InlineData("gates", "[{\"gate\": \"cx\", \"qubits\": [0, \"one\"]}]", "not an index")]
    public void Malformed_properties_are_a_typed_error(string field, string json, string expected)
    {
        var (conf, props) = Manila();
        props[field] = JsonNode.Parse(json);

        var e = Assert.Throws<DeviceImportException>(() => IbmBackendImporter.Import(conf.ToJsonString(), props.ToJsonString()));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Configuration_and_properties_of_different_backends_are_refused()
    {
        var e = Assert.Throws<DeviceImportException>(() => IbmBackendImporter.Import(
            File.ReadAllText(RepoPaths.IbmBackend("conf", "manila")), File.ReadAllText(RepoPaths.IbmBackend("props", "nairobi"))));

        Assert.Contains("ibmq_manila", e.Message);
        Assert.Contains("ibm_nairobi", e.Message);
    }

    [Fact]
    public void A_coupling_that_names_a_missing_qubit_is_refused()
    {
        var (conf, props) = Manila();
        ((JsonArray)conf["coupling_map"]!).Add(new JsonArray(0, 9));

        var e = Assert.Throws<DeviceImportException>(() => IbmBackendImporter.Import(conf.ToJsonString(), props.ToJsonString()));

        Assert.Contains("qubit 9", e.Message);
    }

    private static (JsonNode Conf, JsonNode Props) Manila() =>
        (JsonNode.Parse(File.ReadAllText(RepoPaths.IbmBackend("conf", "manila")))!, JsonNode.Parse(File.ReadAllText(RepoPaths.IbmBackend("props", "manila")))!);
}
