namespace Experimentation.Statistics.Reports;

/// <summary>
/// What the results suggest doing now, with the reason. Concluding stays a person's decision; this only says what
/// the evidence supports.
/// </summary>
/// <param name="Decision">ship (a treatment wins on a primary metric, no guardrail breached), stop (a guardrail is
/// breached, a treatment harms a primary metric, or every primary comparison is futile) or keep_running.</param>
/// <param name="Treatment">The treatment to ship, or the one that triggered stop; null otherwise.</param>
/// <param name="Reason">One sentence a person can act on.</param>
public sealed record RecommendationReport(string Decision, string? Treatment, string Reason);
