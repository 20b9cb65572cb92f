using System.Data.Common;
using System.Text;

namespace Op25b.Persistence.Attempts;

/// <summary>Builds the parameter placeholders of a multi-row VALUES list (the SQLite path and rollup upserts).</summary>
internal static class SqlRows
{
    public static string Placeholders(DbCommand command, IReadOnlyList<object?[]> rows)
    {
        var values = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            values.Append(i == 0 ? "(" : ",(");
            for (var f = 0; f < row.Length; f++)
            {
                var name = $"@v{i}_{f}";
                values.Append(f == 0 ? name : "," + name);
                Add(command, name, row[f]);
            }
            values.Append(')');
        }
        return values.ToString();
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
