using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Op25b.Core.Abuse;
using Op25b.Core.Access;
using Op25b.Core.AddressHistory;
using Op25b.Core.Attempts;
using Op25b.Core.Audit;
using Op25b.Core.Deployments;
using Op25b.Core.Network;
using Op25b.Core.RuleSets;
using Op25b.Core.Exemptions;
using Op25b.Core.Exports;
using Op25b.Core.Subscribers;
using Op25b.Persistence.Configurations;
using Op25b.Persistence.Conversions;

namespace Op25b.Persistence;

/// <summary>The one context of the system. Provider-specific mapping is confined to <see cref="IsPostgres"/> checks here.</summary>
public sealed class AdminDbContext(DbContextOptions<AdminDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect console cookies and anti-forgery tokens, shared by every host on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Subscriber> Subscribers => Set<Subscriber>();
    public DbSet<AddressAssignment> AddressAssignments => Set<AddressAssignment>();
    public DbSet<Exemption> Exemptions => Set<Exemption>();
    public DbSet<ExemptionPrefix> ExemptionPrefixes => Set<ExemptionPrefix>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ConsoleUser> ConsoleUsers => Set<ConsoleUser>();
    public DbSet<ConsoleSession> ConsoleSessions => Set<ConsoleSession>();
    public DbSet<Router> Routers => Set<Router>();
    public DbSet<RouterSyslogSource> RouterSyslogSources => Set<RouterSyslogSource>();
    public DbSet<SubscriberPool> SubscriberPools => Set<SubscriberPool>();
    public DbSet<MailRelay> MailRelays => Set<MailRelay>();
    public DbSet<PolicySettings> PolicySettings => Set<PolicySettings>();
    public DbSet<RuleSetVersion> RuleSetVersions => Set<RuleSetVersion>();
    public DbSet<Deployment> Deployments => Set<Deployment>();
    public DbSet<AccessSession> AccessSessions => Set<AccessSession>();
    public DbSet<AccountingEvent> AccountingEvents => Set<AccountingEvent>();
    public DbSet<BlockedAttempt> BlockedAttempts => Set<BlockedAttempt>();
    public DbSet<AttemptRollup> AttemptRollups => Set<AttemptRollup>();
    public DbSet<SubscriberHourRollup> SubscriberHourRollups => Set<SubscriberHourRollup>();
    public DbSet<SubscriberDayRollup> SubscriberDayRollups => Set<SubscriberDayRollup>();
    public DbSet<SubscriberDestination> SubscriberDestinations => Set<SubscriberDestination>();
    public DbSet<SubscriberLastSeenDay> SubscriberLastSeenDays => Set<SubscriberLastSeenDay>();
    public DbSet<RouterHourRollup> RouterHourRollups => Set<RouterHourRollup>();
    public DbSet<DestinationDayRollup> DestinationDayRollups => Set<DestinationDayRollup>();
    public DbSet<QuarantinedInput> Quarantine => Set<QuarantinedInput>();
    public DbSet<AbuseCase> AbuseCases => Set<AbuseCase>();
    public DbSet<AbuseCaseEvent> AbuseCaseEvents => Set<AbuseCaseEvent>();
    public DbSet<ExportFile> ExportFiles => Set<ExportFile>();
    public DbSet<AuditAnchor> AuditAnchors => Set<AuditAnchor>();
    public DbSet<Core.Addressing.IspPrefix> IspAddressSpace => Set<Core.Addressing.IspPrefix>();
    public DbSet<Integrity.IdempotencyClaim> IdempotencyClaims => Set<Integrity.IdempotencyClaim>();
    public DbSet<PolicyChangeRequest> PolicyChangeRequests => Set<PolicyChangeRequest>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Persistence.Deployments.PolicyChangeOutbox.Stage(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Persistence.Deployments.PolicyChangeOutbox.Stage(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    private readonly List<(Guid Transaction, Action Work)> _afterCommit = [];

    /// <summary>Runs <paramref name="work"/> when the current transaction commits; drops it if that transaction does not.</summary>
    public void AfterCommit(Action work) =>
        _afterCommit.Add((Database.CurrentTransaction?.TransactionId
            ?? throw new InvalidOperationException("AfterCommit needs an open transaction."), work));

    internal void TransactionEnded(Guid transaction, bool committed)
    {
        // Work of any other (abandoned) transaction is dropped too: it never committed.
        var due = _afterCommit.Where(a => a.Transaction == transaction).Select(a => a.Work).ToList();
        _afterCommit.Clear();
        if (committed)
            due.ForEach(work => work());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (!IsPostgres)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
        configurationBuilder.Properties<System.Net.IPNetwork>().HaveConversion<IpNetworkConverter>().HaveMaxLength(43);
        configurationBuilder.Properties<System.Net.IPAddress>().HaveConversion<IpAddressConverter>().HaveMaxLength(45);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Address keys are compared as byte strings; PostgreSQL must not apply a linguistic collation.
        var addressKeyCollation = IsPostgres ? "C" : null;
        modelBuilder.ApplyConfiguration(new ProductConfiguration());
        modelBuilder.ApplyConfiguration(new SubscriberConfiguration());
        modelBuilder.ApplyConfiguration(new AddressAssignmentConfiguration(addressKeyCollation));
        modelBuilder.ApplyConfiguration(new ExemptionConfiguration());
        modelBuilder.ApplyConfiguration(new ExemptionPrefixConfiguration(addressKeyCollation));
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        modelBuilder.ApplyConfiguration(new ApiKeyConfiguration());
        modelBuilder.ApplyConfiguration(new ConsoleUserConfiguration());
        modelBuilder.ApplyConfiguration(new ConsoleSessionConfiguration());
        modelBuilder.ApplyConfiguration(new RouterConfiguration());
        modelBuilder.ApplyConfiguration(new RouterSyslogSourceConfiguration());
        modelBuilder.ApplyConfiguration(new SubscriberPoolConfiguration(addressKeyCollation));
        modelBuilder.ApplyConfiguration(new MailRelayConfiguration());
        modelBuilder.ApplyConfiguration(new PolicySettingsConfiguration());
        modelBuilder.ApplyConfiguration(new RuleSetVersionConfiguration());
        modelBuilder.ApplyConfiguration(new DeploymentConfiguration());
        modelBuilder.ApplyConfiguration(new AccessSessionConfiguration(addressKeyCollation));
        modelBuilder.ApplyConfiguration(new AccountingEventConfiguration());
        modelBuilder.ApplyConfiguration(new BlockedAttemptConfiguration(addressKeyCollation));
        modelBuilder.ApplyConfiguration(new AttemptRollupConfiguration());
        modelBuilder.ApplyConfiguration(new SubscriberHourRollupConfiguration());
        modelBuilder.ApplyConfiguration(new SubscriberDayRollupConfiguration());
        modelBuilder.ApplyConfiguration(new SubscriberDestinationConfiguration());
        modelBuilder.ApplyConfiguration(new SubscriberLastSeenDayConfiguration());
        modelBuilder.ApplyConfiguration(new RouterHourRollupConfiguration());
        modelBuilder.ApplyConfiguration(new DestinationDayRollupConfiguration());
        modelBuilder.ApplyConfiguration(new QuarantinedInputConfiguration());
        modelBuilder.ApplyConfiguration(new AbuseCaseConfiguration());
        modelBuilder.ApplyConfiguration(new AbuseCaseEventConfiguration());
        modelBuilder.ApplyConfiguration(new ExportFileConfiguration());
        modelBuilder.ApplyConfiguration(new AuditAnchorConfiguration());
        modelBuilder.ApplyConfiguration(new IspPrefixConfiguration(addressKeyCollation));
        modelBuilder.ApplyConfiguration(new Integrity.IdempotencyClaimConfiguration());
        modelBuilder.ApplyConfiguration(new PolicyChangeRequestConfiguration());
    }
}
