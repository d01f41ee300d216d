using Qonduit.Agent.Commands;
using Qonduit.Agent.Scheduling;
using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Agent.Tests.Fakes;

/// <summary>A run root in a temporary folder, a fake control plane and a fake scheduler; <see cref="Agent"/> builds a worker over them (again = a restart).</summary>
public sealed class AgentFixture : IDisposable
{
    public AgentFixture(int slots = 2)
    {
        Slots = slots;
        Root = Directory.CreateTempSubdirectory("qonduit-agent-test-").FullName;
    }

    public int Slots { get; }

    public string Root { get; }

    public FakeControlPlane Server { get; } = new();

    public FakeScheduler Scheduler { get; } = new();

    /// <summary>The commands the agent's operator declares (agent.json `commands`).</summary>
    public IReadOnlyDictionary<string, DeclaredCommand> Commands { get; init; } = new Dictionary<string, DeclaredCommand>();

    public AgentWorker Agent(TimeSpan? observeInterval = null) => new(Server, Scheduler, new AgentOptions
    {
        AgentId = "agent-1",
        Slots = Slots,
        RunRoot = Root,
        ClaimWait = TimeSpan.Zero,
        ObserveInterval = observeInterval ?? TimeSpan.FromMilliseconds(20),
        HeartbeatInterval = TimeSpan.FromMilliseconds(50),
        RetryDelay = TimeSpan.FromMilliseconds(20),
        Commands = Commands,
    });

    public string RunDirectory(string taskId) => Path.Combine(Root, taskId);

    public string Archived(string taskId) => Path.Combine(Root, "archive", taskId);

    /// <summary>Plays a runner that succeeded: writes result.json for the payload in the directory.</summary>
    public static void WriteResult(string runDirectory)
    {
        var payload = PayloadFile.Read(runDirectory);
        ArtifactFiles.WriteResult(runDirectory, new RunResult
        {
            TaskId = payload.TaskId,
            Device = payload.Snapshot.Device,
            BoundSnapshotVersion = payload.Snapshot.Version,
            SnapshotHash = "00",
            Shots = payload.Shots,
            Seed = payload.Seed,
            Counts = new Dictionary<string, int> { ["01"] = payload.Shots },
            Circuit = new CircuitShape(2, 2, 2, 1, 0, false),
            Timings = new RunTimings(0.1, 0, 0.1, 0.2, 0.5),
        });
    }

    public static void WriteError(string runDirectory, string code) =>
        ArtifactFiles.WriteError(runDirectory, new RunError { TaskId = Path.GetFileName(runDirectory), Code = code, Message = "from the runner" });

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
