namespace Op25b.Routers.Ssh;

/// <param name="Connect">TCP connect, key exchange and authentication together.</param>
/// <param name="Command">One remote command, including sending its input. Replacing a table
/// of 100,000 elements takes about a second on the router; the default leaves ample room.</param>
public sealed record SshTimeouts(TimeSpan Connect, TimeSpan Command)
{
    public static readonly SshTimeouts Default = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2));
}
