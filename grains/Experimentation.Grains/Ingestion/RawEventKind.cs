namespace Experimentation.Grains.Ingestion;

/// <summary>
/// How a raw event was classified when it was committed. The exposure checks that depend on the experiment's state at
/// that moment are stored, so replaying the log after a crash folds exactly what was folded before.
/// </summary>
public enum RawEventKind : short
{
    Metric = 0,
    Exposure = 1,
    ExposureNotRunning = 2,
    ExposureUnknownVariant = 3,
}
