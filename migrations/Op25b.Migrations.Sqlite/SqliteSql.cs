using System.Reflection;

namespace Op25b.Migrations.Sqlite;

/// <summary>SQLite-only DDL that EF cannot express (triggers that hold invariants), kept as .sql files embedded in this assembly.</summary>
internal static class SqliteSql
{
    public static string Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Op25b.Migrations.Sqlite.Sql.{name}")
            ?? throw new InvalidOperationException($"SQL resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
