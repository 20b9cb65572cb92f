namespace Op25b.Api.Tests.Lab;

/// <summary>Where in a push the host is killed.</summary>
public enum KillPoint
{
    /// <summary>Between pushes, whatever runs.</summary>
    Idle,
    /// <summary>The router holds the apply: connected, the rule set sent, not yet run by nft.</summary>
    BeforeApply,
    /// <summary>The router holds the read-back: applied, not verified.</summary>
    AfterApply,
    /// <summary>A random moment after a push started.</summary>
    DuringPush,
    /// <summary>The moment a compile has stored its version: the reconcile that follows still runs inside the compile's turn.</summary>
    DuringCompile,
}

public abstract record Fault(int Step);

/// <summary>kill -9 of the host at <see cref="Point"/>; it stays dead for <see cref="StepsDown"/> steps (changes keep coming through the API), then starts again.</summary>
public sealed record HostKill(int Step, KillPoint Point, TimeSpan Delay, int StepsDown) : Fault(Step);

/// <summary>The router's sshd stopped (its listener frozen, its sessions cut) for <see cref="For"/> while the steps go on.</summary>
public sealed record SshdStop(int Step, TimeSpan For) : Fault(Step);

/// <summary>
/// The faults of one seeded run, drawn before the run so that the seed alone decides them: four
/// host kills (before an apply, after an apply, inside a compile, and between pushes or at a random
/// moment of one) and one sshd stop, at distinct steps far enough apart that each recovery is over
/// before the next fault.
/// </summary>
public sealed record FaultPlan(IReadOnlyList<Fault> Faults)
{
    private const int Spacing = 6;

    public static FaultPlan Draw(Random random, int steps)
    {
        var slots = Enumerable.Range(0, (steps - 2 * Spacing) / Spacing).Select(i => Spacing + i * Spacing + random.Next(Spacing - 4)).ToList();
        var chosen = slots.OrderBy(_ => random.Next()).Take(5).ToList();
        var either = random.Next(2) == 0 ? KillPoint.Idle : KillPoint.DuringPush;
        var points = new[] { KillPoint.BeforeApply, KillPoint.AfterApply, KillPoint.DuringCompile, either }.OrderBy(_ => random.Next()).ToArray();
        var faults = new List<Fault>();
        for (var i = 0; i < points.Length; i++)
            faults.Add(new HostKill(chosen[i], points[i], TimeSpan.FromMilliseconds(random.Next(0, 600)), random.Next(0, 4)));
        faults.Add(new SshdStop(chosen[^1], TimeSpan.FromMilliseconds(random.Next(3_000, 12_000))));
        return new FaultPlan([.. faults.OrderBy(f => f.Step)]);
    }

    public Fault? At(int step) => Faults.FirstOrDefault(f => f.Step == step);

    public override string ToString() => string.Join("; ", Faults.Select(f => f switch
    {
        HostKill k => $"step {k.Step}: kill -9 {k.Point} (+{k.Delay.TotalMilliseconds:F0} ms), down {k.StepsDown} steps",
        SshdStop s => $"step {s.Step}: sshd stopped {s.For.TotalSeconds:F1} s",
        _ => f.ToString(),
    }));
}
