namespace Op25b.Core.Ingest;

internal enum FieldKind
{
    Missing,
    Null,
    String,
    Number,
    /// <summary>Untyped text (a CSV cell): acceptable wherever a string or a number is.</summary>
    Text,
    Other,
}

/// <summary>A field as it arrived, before validation; lets JSON and CSV share one set of rules.</summary>
internal readonly record struct FieldValue(FieldKind Kind, string Text)
{
    public static FieldValue Missing { get; } = new(FieldKind.Missing, "");

    public bool IsAbsent => Kind is FieldKind.Missing or FieldKind.Null;
}
