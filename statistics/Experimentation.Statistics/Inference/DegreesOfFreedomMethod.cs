namespace Experimentation.Statistics;

/// <summary>How the t-test picks its degrees of freedom.</summary>
public enum DegreesOfFreedomMethod
{
    /// <summary>Welch–Satterthwaite, the default.</summary>
    Welch = 0,

    /// <summary>
    /// n_T + n_C − 2, as in the design doc. Only df changes: the standard error stays the unpooled Welch one, so at
    /// equal n this is Student's test and at large n both options agree.
    /// </summary>
    Pooled,
}
