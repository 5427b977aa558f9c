namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>
/// Which p-value decides an experiment's badges: sequential (the always-valid p, the default because results are
/// always live) or fixed_horizon (the fixed p, once the planned sample size is reached).
/// </summary>
/// <remarks>The statistics engine has the same choice; the grain contracts cannot reference the engine, so the analysis grain maps it.</remarks>
[GenerateSerializer]
public enum DecisionMode
{
    Sequential,
    FixedHorizon,
}
