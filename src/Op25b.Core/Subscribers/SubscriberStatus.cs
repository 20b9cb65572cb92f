namespace Op25b.Core.Subscribers;

public enum SubscriberStatus
{
    Active,
    Suspended,
    Closed,
}
