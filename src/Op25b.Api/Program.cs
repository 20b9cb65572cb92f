using Op25b.Api.Cli;
using Op25b.Api.Exports;
using Op25b.Api.Hosting;
using Op25b.Api.Ingest;
using Op25b.Api.Jobs;
using Op25b.Api.Rollout;

var (command, configuration) = HostCommands.SplitArguments(args);
var isCommand = HostCommands.IsCommand(command);
var builder = WebApplication.CreateBuilder(isCommand ? configuration : args);
if (isCommand)
    builder.Configuration["Logging:LogLevel:Default"] = "Warning"; // a command prints its answer, not the host's chatter
builder.Services
    .AddAdminDatabase(builder.Configuration)
    .AddAdminApi(builder.Configuration)
    .AddTransportSecurity(builder.Configuration)
    .AddJobs(builder.Configuration)
    .AddRollout()
    .AddIngest(builder.Configuration)
    .AddAbuseDesk(builder.Configuration)
    .AddExports(builder.Configuration)
    .AddOpsUi(builder.Configuration);

var app = builder.Build();
if (isCommand)
    return await HostCommands.RunAsync(app.Services, command, Console.Out);

await app.Services.MigrateIfConfiguredAsync();
app.UseTransportSecurity();
app.UseOpsUiMiddleware();
app.UseAdminApi();
app.UseTelemetry();
app.MapHealth();
app.UseJobs();
app.UseOpsUi();
await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' host factory.</summary>
public partial class Program;
