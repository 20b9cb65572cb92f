namespace Op25b.Core.Abuse;

public enum AbuseCaseEventKind
{
    Opened,
    Transition,
    Note,
}
