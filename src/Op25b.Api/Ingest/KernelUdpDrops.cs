using System.Globalization;

namespace Op25b.Api.Ingest;

/// <summary>
/// Datagrams the kernel dropped for our syslog socket because its receive buffer was full: they
/// never reach the process, so only the kernel can count them — the "drops" column of
/// /proc/net/udp and /proc/net/udp6 (Linux; elsewhere nothing is known and 0 is reported).
/// </summary>
public static class KernelUdpDrops
{
    public static long Of(int? localPort)
    {
        if (localPort is not { } port || !OperatingSystem.IsLinux())
            return 0;
        return new[] { "/proc/net/udp", "/proc/net/udp6" }.Where(File.Exists).Sum(table => Sum(File.ReadLines(table).Skip(1), port));
    }

    /// <summary>Rows are "sl local_address:port rem_address:port st … inode ref pointer drops", ports in hex.</summary>
    public static long Sum(IEnumerable<string> rows, int port)
    {
        long drops = 0;
        foreach (var row in rows)
        {
            var fields = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 13 || !fields[1].Contains(':'))
                continue;
            if (int.TryParse(fields[1][(fields[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var local) && local == port
                && long.TryParse(fields[^1], CultureInfo.InvariantCulture, out var dropped))
                drops += dropped;
        }
        return drops;
    }
}
