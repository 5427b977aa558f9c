namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>The kind of test an experiment runs; it fixes how many variants the experiment may have.</summary>
[GenerateSerializer]
public enum ExperimentType
{
    /// <summary>Exactly two variants: control and one treatment.</summary>
    Ab,
    /// <summary>Three or more variants, one of them the control.</summary>
    Multivariate,
    /// <summary>A held-back control against everything else: exactly two variants.</summary>
    Holdout,
    /// <summary>A single treatment against control, ramped up by traffic percent.</summary>
    Rollout,
}
