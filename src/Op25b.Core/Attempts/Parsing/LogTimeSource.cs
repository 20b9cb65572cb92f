namespace Op25b.Core.Attempts.Parsing;

/// <summary>Where a record's time came from, so a figure built on receipt time can be told apart.</summary>
public enum LogTimeSource
{
    /// <summary>The timestamp the router wrote into the line.</summary>
    Logged,
    /// <summary>ulogd's oob.time.sec/usec: the kernel's packet time, UTC.</summary>
    KernelPacketTime,
    /// <summary>ulogd's own "timestamp" field, local time read in the router's zone.</summary>
    UlogdTimestamp,
    /// <summary>The line carried no usable date (uptime stamp, nil timestamp): the time it arrived.</summary>
    Received,
}
