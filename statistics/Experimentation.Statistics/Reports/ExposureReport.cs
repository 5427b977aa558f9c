namespace Experimentation.Statistics.Reports;

/// <summary>One arm's units as the SRM check counts them (live: exposed users).</summary>
public sealed record ExposureReport(string Key, bool Control, double Weight, long Units);
