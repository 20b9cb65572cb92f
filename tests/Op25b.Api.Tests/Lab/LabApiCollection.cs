using Op25b.Api.Tests.Infrastructure;
using Op25b.Lab;

namespace Op25b.Api.Tests.Lab;

/// <summary>One lab and one host with running jobs, shared by the end-to-end tests, which run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class LabApiCollection : ICollectionFixture<LabNetwork>, ICollectionFixture<LabApiFactory>
{
    public const string Name = "lab-api";
}
