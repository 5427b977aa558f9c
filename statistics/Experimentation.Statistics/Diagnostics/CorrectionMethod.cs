namespace Experimentation.Statistics;

/// <summary>How p-values are adjusted across a family (primary metrics × treatment arms).</summary>
public enum CorrectionMethod
{
    /// <summary>Benjamini–Hochberg false discovery rate (statsmodels "fdr_bh"), the default.</summary>
    BenjaminiHochberg = 0,

    /// <summary>Holm's step-down family-wise error rate (statsmodels "holm").</summary>
    Holm,

    /// <summary>No adjustment.</summary>
    None,
}
