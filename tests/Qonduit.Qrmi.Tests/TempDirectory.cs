namespace Qonduit.Qrmi.Tests;

internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("qonduit-qrmi-test-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
