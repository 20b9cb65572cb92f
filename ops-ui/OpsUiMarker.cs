namespace Op25b.OpsUi;

/// <summary>Lets the host find this assembly's Razor pages.</summary>
public sealed class OpsUiMarker;
