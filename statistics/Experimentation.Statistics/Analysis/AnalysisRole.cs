namespace Experimentation.Statistics;

/// <summary>
/// How a metric enters the decision. Primary metrics form the multiple-comparison family (with the treatments);
/// guardrails also get a guardrail verdict; informational metrics are shown unadjusted.
/// </summary>
/// <remarks>
/// The engine's own notion, not the product's binding role: the engine cannot reference grain contracts, and it only
/// needs to know which metrics are adjusted together and which are judged as guardrails.
/// </remarks>
public enum AnalysisRole
{
    Primary = 0,
    Informational,
    Guardrail,
}
