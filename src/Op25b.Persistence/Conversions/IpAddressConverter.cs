using System.Net;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Op25b.Persistence.Conversions;

/// <summary>Stores an address in its canonical text form on every provider.</summary>
public sealed class IpAddressConverter() : ValueConverter<IPAddress, string>(
    v => v.ToString(),
    v => IPAddress.Parse(v));
