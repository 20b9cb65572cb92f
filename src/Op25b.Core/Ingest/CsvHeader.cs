namespace Op25b.Core.Ingest;

internal static class CsvHeader
{
    /// <summary>
    /// Maps header cells to field names. Names match case-insensitively because spreadsheets
    /// re-case headers; an unknown column is an error rather than ignored, since it usually
    /// means a misspelt required one.
    /// </summary>
    public static string? TryRead(CsvRecord record, out string[]? columns)
    {
        columns = null;
        if (record.Error is not null)
            return record.Error.Replace("row:", "header:", StringComparison.Ordinal);

        var names = new string[record.Fields.Count];
        var errors = new List<string>();
        for (var i = 0; i < names.Length; i++)
        {
            var cell = record.Fields[i].Trim();
            var known = IngestFields.All.FirstOrDefault(f => f.Equals(cell, StringComparison.OrdinalIgnoreCase));
            if (known is null)
                errors.Add($"header: unknown column '{cell}'");
            else if (names.Contains(known))
                errors.Add($"header: column '{known}' given twice");
            names[i] = known ?? "";
        }
        foreach (var required in IngestFields.Required.Where(r => !names.Contains(r)))
            errors.Add($"header: missing required column '{required}'");

        if (errors.Count > 0)
            return string.Join("; ", errors);
        columns = names;
        return null;
    }
}
