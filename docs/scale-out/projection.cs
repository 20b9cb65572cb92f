// Projects the blocked-attempt write rate and storage for an ISP of 1M and 10M subscribers.
//   dotnet run docs/scale-out/projection.cs [-- name=value ...]   e.g. -- infected=0.02 retention=90
// Every assumption is a named input below; bytes per row were measured on the real schema by
// docs/scale-out/row-sizes.sql (PostgreSQL 15, IPv4, indexes included; see docs/scale-out.md).
using System.Globalization;

var inputs = new Dictionary<string, double>
{
    ["infected"] = 0.01,          // share of lines infected on a given day
    ["attempts"] = 3_000,         // blocked attempts per infected line per day (the benchmarks' shape)
    ["servers"] = 900,            // distinct mail servers one infected line tries
    ["infectionDays"] = 14,       // how long a line stays infected before it is cleaned
    ["others"] = 0.02,            // share of clean lines that hit port 25 on a day (a mail client set to 25)
    ["otherAttempts"] = 10,       // their attempts per day, to one server, within two hours
    ["retention"] = 180,          // Retention:AttemptsDays, raw attempts and rollups
    ["peak"] = 3,                 // busiest hour / average hour
    ["linesPerRouter"] = 20_000,  // subscribers behind one BRAS
    ["serversPerDay"] = 200_000,  // distinct mail servers tried by anyone in a day
};
foreach (var arg in args)
{
    var parts = arg.Split('=', 2);
    if (parts.Length != 2 || !inputs.ContainsKey(parts[0]))
        throw new ArgumentException($"'{arg}': expected name=value with a name among {string.Join(", ", inputs.Keys)}");
    inputs[parts[0]] = double.Parse(parts[1], CultureInfo.InvariantCulture);
}

// Bytes per row including indexes, measured (row-sizes.sql).
var bytes = new Dictionary<string, double>
{
    ["blocked_attempts"] = 606,
    ["attempt_rollups_hourly"] = 175,
    ["attempt_rollups_subscriber_hourly"] = 141,
    ["attempt_rollups_subscriber_daily"] = 141,
    ["attempt_subscriber_destinations"] = 147,
    ["attempt_rollups_router_hourly"] = 222,
    ["attempt_rollups_destination_daily"] = 110,
};
// What this machine stored (README, Performance): the NDJSON endpoint over 5M attempts, syslog over TCP.
const double MeasuredEndpointRowsPerSecond = 18_735, MeasuredSyslogLinesPerSecond = 35_188;

Console.WriteLine("Assumptions: " + string.Join(", ", inputs.Select(i => $"{i.Key}={i.Value.ToString(CultureInfo.InvariantCulture)}")));
foreach (var subscribers in new[] { 1_000_000d, 10_000_000d })
    Print(subscribers, Project(subscribers));

Dictionary<string, (double PerDay, double Retained)> Project(double subscribers)
{
    double infected = subscribers * inputs["infected"], others = subscribers * inputs["others"];
    double retention = inputs["retention"], servers = inputs["servers"];
    var hourlyAttempts = inputs["attempts"] / 24;
    // Distinct servers an infected line tries in one hour, each attempt picking one of its servers at random.
    var serversPerHour = servers * (1 - Math.Exp(-hourlyAttempts / servers));
    // A cleaned line keeps its subscriber × server rows until their last attempt leaves retention.
    var linesWithinRetention = infected * (retention + inputs["infectionDays"]) / inputs["infectionDays"];

    var perDay = new Dictionary<string, double>
    {
        ["blocked_attempts"] = infected * inputs["attempts"] + others * inputs["otherAttempts"],
        ["attempt_rollups_hourly"] = infected * 24 * serversPerHour + others * 2,
        ["attempt_rollups_subscriber_hourly"] = infected * 24 + others * 2,
        ["attempt_rollups_subscriber_daily"] = infected + others,
        ["attempt_rollups_router_hourly"] = Math.Ceiling(subscribers / inputs["linesPerRouter"]) * 24,
        ["attempt_rollups_destination_daily"] = inputs["serversPerDay"],
    };
    var projection = perDay.ToDictionary(t => t.Key, t => (t.Value, t.Value * retention));
    // New subscriber × server pairs a day come from newly infected lines; clean lines retry the same server.
    projection["attempt_subscriber_destinations"] = (infected / inputs["infectionDays"] * servers, linesWithinRetention * servers + others);
    return projection;
}

void Print(double subscribers, Dictionary<string, (double PerDay, double Retained)> tables)
{
    var attemptsPerDay = tables["blocked_attempts"].PerDay;
    var average = attemptsPerDay / 86_400;
    var peak = average * inputs["peak"];
    Console.WriteLine();
    Console.WriteLine($"== {subscribers:N0} subscribers ==");
    Console.WriteLine($"attempts: {attemptsPerDay:N0}/day, {average:N0}/s on average, {peak:N0}/s at peak " +
        $"({100 * peak / MeasuredEndpointRowsPerSecond:N0}% of the endpoint's and {100 * peak / MeasuredSyslogLinesPerSecond:N0}% of syslog's measured rate on 2 cores)");
    Console.WriteLine($"day partitions of blocked_attempts: {inputs["retention"] + 1:N0}");
    Console.WriteLine($"{"table",-36} {"rows/day",14} {"rows retained",16} {"B/row",6} {"GB retained",12}");
    double total = 0;
    foreach (var (table, (perDay, retained)) in tables.OrderByDescending(t => t.Value.Retained * bytes[t.Key]))
    {
        var gigabytes = retained * bytes[table] / 1e9;
        total += gigabytes;
        Console.WriteLine($"{table,-36} {perDay,14:N0} {retained,16:N0} {bytes[table],6:N0} {gigabytes,12:N1}");
    }
    Console.WriteLine($"{"total (no WAL, no bloat)",-36} {"",14} {"",16} {"",6} {total,12:N1}");
}
