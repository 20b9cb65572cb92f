using System.Net;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Op25b.Persistence.Conversions;

/// <summary>Stores a prefix in its canonical text form (e.g. "198.51.100.0/24") on every provider.</summary>
public sealed class IpNetworkConverter() : ValueConverter<IPNetwork, string>(
    v => v.ToString(),
    v => IPNetwork.Parse(v));
