namespace Op25b.Core.Abuse;

/// <summary>Why a case was opened: which offender rule fired, or a person's decision.</summary>
public enum AbuseCaseTrigger
{
    Manual,
    AttemptsPerHour,
    DestinationsPerHour,
    AboveBaseline,
}
