using System.Reflection;

namespace Op25b.Migrations.Postgres;

/// <summary>PostgreSQL-only DDL that EF cannot express (partitioned tables), kept as .sql files embedded in this assembly.</summary>
internal static class PostgresSql
{
    public static string Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Op25b.Migrations.Postgres.Sql.{name}")
            ?? throw new InvalidOperationException($"SQL resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
