namespace Experimentation.Grains.Settings;

/// <summary>An admin turned review on or off for one team, or for everyone when <paramref name="Team"/> is null.</summary>
public sealed record ReviewSettingChanged(string? Team, bool Required, DateTimeOffset At);
