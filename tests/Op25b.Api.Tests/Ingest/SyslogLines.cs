namespace Op25b.Api.Tests.Ingest;

/// <summary>Numbered Linux kernel LOG lines (RFC 5424) of one router, each a distinct attempt, and garbage the parser refuses.</summary>
internal static class SyslogLines
{
    public static string Attempt(string router, DateTimeOffset now, int n) =>
        $"<4>1 {now.AddMilliseconds(-n):yyyy-MM-ddTHH:mm:ss.fffZ} {router} kernel - - - OP25B-DROP IN=eth1 OUT=eth0 SRC=100.64.{n / 250 % 250}.{n % 250 + 1} " +
        $"DST=203.0.113.9 LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=1 DF PROTO=TCP SPT={10_000 + n % 50_000} DPT=25 WINDOW=64240 RES=0x00 SYN URGP=0";

    public const string Garbage = "\u0001\u0002garbage\u0003 not syslog";

    /// <summary>Line n of a stream: every hundredth is garbage, the rest attempts.</summary>
    public static string Numbered(string router, DateTimeOffset now, int n) => n % 100 == 99 ? $"{Garbage} {n}" : Attempt(router, now, n);
}
