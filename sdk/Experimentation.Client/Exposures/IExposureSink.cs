namespace Experimentation.Client.Exposures;

/// <summary>Where batches of exposures go: the ingestion API (<see cref="HttpExposureSink"/>), or anything else.</summary>
public interface IExposureSink
{
    /// <summary>
    /// Delivers one batch, retrying as the sink sees fit; returns once it is acknowledged. Throwing means the batch
    /// is given up: the logger counts it as failed and forgets its pairs, so those users are logged again next time.
    /// </summary>
    Task SendAsync(IReadOnlyList<ExposureEvent> batch, CancellationToken cancellationToken);
}
