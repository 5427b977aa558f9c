namespace Experimentation.Statistics;

/// <summary>
/// The novelty check: the relative effect over users' early windows against the relative effect over the rest.
/// </summary>
/// <param name="Error">None, or why there is no test (then <see cref="IsNovelty"/> is false).</param>
/// <param name="EarlyEffect">ē_T/ē_C − 1, a fraction (0.3 is +30%); NaN when ē_C is 0.</param>
/// <param name="LateEffect">l̄_T/l̄_C − 1, a fraction; NaN when l̄_C is 0.</param>
/// <param name="Difference">D = ln(ē_T/ē_C) − ln(l̄_T/l̄_C); 0 for a steady multiplicative effect.</param>
/// <param name="StandardError">√Var(D) by the delta method, with each arm's early–late covariance.</param>
/// <param name="Z">D / SE.</param>
/// <param name="PValue">Two-sided p of Z.</param>
/// <param name="IsNovelty">p &lt; α and |early effect| &gt; |late effect|: an effect that fades, in either direction.</param>
public readonly record struct NoveltyResult(
    StatisticsError Error, double EarlyEffect, double LateEffect, double Difference, double StandardError, double Z,
    double PValue, bool IsNovelty);
