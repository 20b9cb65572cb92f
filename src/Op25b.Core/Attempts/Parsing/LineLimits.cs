namespace Op25b.Core.Attempts.Parsing;

/// <summary>Checks every text input passes before any parser looks at it.</summary>
public static class LineLimits
{
    // RFC 5425/6587 receivers must accept 2048 octets and should accept 8192; nothing a
    // router logs for one packet comes near it, so anything longer is garbage or an attack.
    public const int MaxLineLength = 8192;

    /// <returns>The line without its trailing CR/LF/NUL and leading BOM, or an error.</returns>
    internal static string? Check(string line, out string trimmed)
    {
        // Some senders end a datagram with NUL (C strings sent whole) or CRLF, and some start
        // it with a UTF-8 BOM; none of them is part of the message.
        trimmed = line.TrimEnd('\r', '\n', '\0').TrimStart('\uFEFF');
        if (trimmed.Length > MaxLineLength)
            return "line too long";
        foreach (var c in trimmed)
        {
            // Tab occurs in real kernel and Cisco lines; any other control character means
            // the bytes were not text (a TLS handshake on the plain port, a binary probe).
            if (c != '\t' && (char.IsControl(c) || c == '\uFFFD'))
                return "line contains binary data";
        }
        return null;
    }
}
