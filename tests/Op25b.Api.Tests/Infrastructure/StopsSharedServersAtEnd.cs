using Op25b.Lab;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("Op25b.Api.Tests.Infrastructure.StopsSharedServersAtEnd", "Op25b.Api.Tests")]

namespace Op25b.Api.Tests.Infrastructure;

/// <summary>
/// xUnit 2 has no assembly fixture; the test framework object lives exactly as long as the
/// assembly's run, so its disposal is where servers shared by the whole run are stopped.
/// </summary>
public sealed class StopsSharedServersAtEnd : XunitTestFramework
{
    public StopsSharedServersAtEnd(IMessageSink messageSink) : base(messageSink) =>
        DisposalTracker.Add(new SharedServers());

    private sealed class SharedServers : IDisposable
    {
        public void Dispose() => PostgresCluster.StopShared();
    }
}
