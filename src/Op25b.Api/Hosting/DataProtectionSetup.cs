using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Op25b.Persistence;

namespace Op25b.Api.Hosting;

/// <summary>Settings under <c>DataProtection:</c>.</summary>
public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    /// <summary>
    /// Hosts share cookies only under the same name; the default would be each host's content
    /// root path, which differs between machines and releases.
    /// </summary>
    public string ApplicationName { get; set; } = "op25b-admin";
    /// <summary>A PKCS#12 file whose certificate encrypts the keys in the database (Linux has no DPAPI to do it).</summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
}

public static class DataProtectionSetup
{
    /// <summary>
    /// The keys behind console cookies and anti-forgery tokens live in the database, so every
    /// host of a deployment reads the same key ring and a restart keeps sessions. With a
    /// certificate configured each key is stored encrypted to it; without one the keys are stored
    /// as plain XML and the framework logs a warning at the first key it writes.
    /// </summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(DataProtectionSettings.Section).Get<DataProtectionSettings>() ?? new DataProtectionSettings();
        var builder = services.AddDataProtection()
            .SetApplicationName(settings.ApplicationName)
            .PersistKeysToDbContext<AdminDbContext>();
        if (settings.CertificatePath is { Length: > 0 } path)
            builder.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, settings.CertificatePassword));
        return services;
    }
}
