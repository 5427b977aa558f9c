namespace Experimentation.Statistics;

/// <summary>The scale of the effect the Bayesian posterior is on (gbstats' difference_type).</summary>
public enum EffectScale
{
    /// <summary>(x̄_T − x̄_C)/|x̄_C|, gbstats' default.</summary>
    Relative = 0,

    /// <summary>x̄_T − x̄_C.</summary>
    Absolute,
}
