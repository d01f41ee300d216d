using System.Text.Json.Nodes;
using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Tests.Import;

namespace Qonduit.Devices.Tests.Snapshots;

public sealed class SnapshotJsonTests
{
    [Fact]
    public void Serialized_snapshot_uses_the_design_schema_in_camel_case()
    {
        var json = JsonNode.Parse(SnapshotJson.Serialize(IbmBackendImporterTests.ImportShared("fez")))!;

        Assert.Equal("ibm_fez", (string)json["device"]!);
        Assert.Equal(1, (int)json["version"]!);
        Assert.Equal("ibm-properties 2025-02-26T15:16:25-05:00", (string)json["source"]!);
        Assert.NotNull(json["createdAt"]);
        Assert.Equal(5, json["nativeGates"]!.AsArray().Count);
        var q0 = json["qubits"]![0]!.AsObject();
        Assert.Equal(
            ["index", "status", "t1Us", "t2Us", "readoutError", "probMeas0Prep1", "probMeas1Prep0", "readoutLengthNs", "gateErrors", "gateLengthsNs"],
            q0.Select(p => p.Key));
        Assert.Equal("online", (string)q0["status"]!);
        Assert.Equal(0.011474609375, (double)q0["readoutError"]!);
        Assert.Equal(24, (double)q0["gateLengthsNs"]!["sx"]!);
        var c0 = json["couplers"]![0]!.AsObject();
        Assert.Equal(["control", "target", "gate", "error", "gateLengthNs", "status"], c0.Select(p => p.Key));
        Assert.Contains(json["couplers"]!.AsArray(), c => (string)c!["status"]! == "unavailable");
    }

    [Theory]
    [InlineData("fez")]
    [InlineData("brisbane")]
    [InlineData("manila")]
    public void A_snapshot_survives_a_json_round_trip_unchanged(string backend)
    {
        var snapshot = IbmBackendImporterTests.ImportShared(backend);
        var json = SnapshotJson.Serialize(snapshot);

        var back = SnapshotJson.Deserialize(json);

        Assert.Equal(json, SnapshotJson.Serialize(back));
        Assert.Equal(SnapshotHash.Compute(snapshot), SnapshotHash.Compute(back));
        Assert.Equal(snapshot.CreatedAt, back.CreatedAt);
        Assert.Equal(snapshot.Qubits[3], back.Qubits[3] with { GateErrors = snapshot.Qubits[3].GateErrors, GateLengthsNs = snapshot.Qubits[3].GateLengthsNs });
        Assert.Equal(snapshot.Qubits[3].GateErrors, back.Qubits[3].GateErrors);
        Assert.Equal(snapshot.Couplers.AsEnumerable(), back.Couplers.AsEnumerable());
    }

    [Fact]
    public void The_design_document_example_deserializes()
    {
        const string example = """
            { "device": "ibm_fez", "version": 3, "createdAt": "2025-02-26T20:16:25Z", "source": "ibm-properties 2025-02-26T15:16:25-05:00",
              "nativeGates": ["cz", "rz", "sx", "x", "id"],
              "qubits":   [{ "index": 0, "status": "online", "t1Us": 48.8, "t2Us": 42.4, "readoutError": 0.0115,
                             "probMeas0Prep1": 0.0176, "probMeas1Prep0": 0.0054, "readoutLengthNs": 1560,
                             "gateErrors": {"sx": 0.00023, "x": 0.00023}, "gateLengthsNs": {"sx": 24, "x": 24} },
                           { "index": 1, "status": "offline" }],
              "couplers": [{ "control": 0, "target": 1, "gate": "cz", "error": 0.0029, "gateLengthNs": 68, "status": "available" }] }
            """;

        var snapshot = SnapshotJson.Deserialize(example);

        Assert.Equal(3, snapshot.Version);
        Assert.Equal(48.8, snapshot.Qubits[0].T1Us);
        Assert.Equal(QubitStatus.Offline, snapshot.Qubits[1].Status);
        Assert.Null(snapshot.Qubits[1].T1Us);
        Assert.Equal(0.0029, snapshot.Couplers[0].Error);
    }

    [Theory]
    [InlineData("not json", "malformed")]
    [InlineData("null", "'null'")]
    [InlineData("""{"device": "d", "nativeGates": [], "qubits": [{"index": 0}]}""", "couplers")]
    [InlineData("""{"device": "d", "nativeGates": [], "qubits": [{"index": 0}], "couplers": [], "colour": "blue"}""", "colour")]
    [InlineData("""{"device": "d", "nativeGates": [], "qubits": [{"index": "zero"}], "couplers": []}""", "$.qubits[0].index")]
    [InlineData("""{"device": "d", "nativeGates": [], "qubits": [{"index": 0, "status": "asleep"}], "couplers": []}""", "status")]
    [InlineData("""{"device": null, "nativeGates": [], "qubits": [{"index": 0}], "couplers": []}""", "device")]
    public void Malformed_json_is_a_typed_error_that_says_where(string json, string expected)
    {
        var e = Assert.Throws<SnapshotException>(() => SnapshotJson.Deserialize(json));

        Assert.Equal(ErrorCodes.Snapshot.MalformedJson, e.Code);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("""{"device": "d", "nativeGates": ["cz"], "qubits": [{"index": 0}, {"index": 2}], "couplers": []}""", "indices must be 0..n-1")]
    [InlineData("""{"device": "d", "nativeGates": ["cz"], "qubits": [{"index": 0}], "couplers": [{"control": 0, "target": 1, "gate": "cz"}]}""", "outside 0..0")]
    [InlineData("""{"device": "d", "nativeGates": ["cz"], "qubits": [{"index": 0}, {"index": 1}], "couplers": [{"control": 0, "target": 1, "gate": "cz", "error": 1.5}]}""", "not a probability")]
    [InlineData("""{"device": "d", "nativeGates": ["cz"], "qubits": [{"index": 0}, {"index": 1}], "couplers": [{"control": 0, "target": 1, "gate": "ecr"}]}""", "not among the native gates")]
    [InlineData("""{"device": "d", "nativeGates": ["cz"], "qubits": [{"index": 0}, {"index": 1}], "couplers": [{"control": 1, "target": 1, "gate": "cz"}]}""", "to itself")]
    [InlineData("""{"device": "d", "nativeGates": ["cz"], "qubits": [{"index": 0, "t1Us": -3}], "couplers": []}""", "t1Us = -3")]
    [InlineData("""{"device": "d", "nativeGates": ["cz"], "qubits": [{"index": 0, "gateErrors": {"sx": -0.1}}], "couplers": []}""", "gateErrors.sx")]
    [InlineData("""{"device": "d", "nativeGates": ["cz"], "qubits": [], "couplers": []}""", "no qubits")]
    [InlineData("""{"device": "d", "nativeGates": ["cz"], "qubits": [{"index": 0, "status": 7}], "couplers": []}""", "unknown status 7")]
    [InlineData("""{"device": "d", "version": 0, "nativeGates": ["cz", "cz"], "qubits": [{"index": 0}], "couplers": []}""", "listed twice")]
    public void Well_formed_json_describing_an_impossible_device_is_rejected(string json, string expected)
    {
        var e = Assert.Throws<SnapshotException>(() => SnapshotJson.Deserialize(json));

        Assert.Equal(ErrorCodes.Snapshot.Invalid, e.Code);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        const string json = """
            {"device": "d", "nativeGates": ["cz"], "qubits": [{"index": 0, "readoutError": 2}, {"index": 5}],
             "couplers": [{"control": 0, "target": 9, "gate": "cz"}]}
            """;

        var e = Assert.Throws<SnapshotException>(() => SnapshotJson.Deserialize(json));

        Assert.Contains("readoutError", e.Message);
        Assert.Contains("has index 5", e.Message);
        Assert.Contains("0->9", e.Message);
    }

    [Fact]
    public void Loading_a_missing_file_names_it()
    {
        var e = Assert.Throws<SnapshotException>(() => SnapshotJson.Load("/nonexistent/snapshot.json"));

        Assert.Equal(ErrorCodes.Snapshot.NotFound, e.Code);
        Assert.Contains("/nonexistent/snapshot.json", e.Message);
    }

    [Fact]
    public void Save_then_load_gives_the_same_snapshot()
    {
        var snapshot = IbmBackendImporterTests.ImportShared("nairobi");
        var path = Path.Combine(Path.GetTempPath(), $"qonduit-{Guid.NewGuid():N}.json");
        try
        {
            SnapshotJson.Save(snapshot, path);
            Assert.Equal(SnapshotHash.Compute(snapshot), SnapshotHash.Compute(SnapshotJson.Load(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
