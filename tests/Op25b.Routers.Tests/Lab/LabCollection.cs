using Op25b.Lab;

namespace Op25b.Routers.Tests.Lab;

/// <summary>All lab tests share one lab and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabNetwork>
{
    public const string Name = "lab";
}
