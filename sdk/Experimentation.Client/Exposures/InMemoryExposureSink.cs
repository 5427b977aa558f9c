using System.Collections.Concurrent;

namespace Experimentation.Client.Exposures;

/// <summary>Keeps every batch in memory, for tests and for services that read exposures themselves.</summary>
public sealed class InMemoryExposureSink : IExposureSink
{
    private readonly ConcurrentQueue<IReadOnlyList<ExposureEvent>> _batches = new();

    /// <summary>The batches received, in order.</summary>
    public IReadOnlyList<IReadOnlyList<ExposureEvent>> Batches => _batches.ToArray();

    /// <summary>Every exposure received, in order.</summary>
    public IReadOnlyList<ExposureEvent> Exposures => _batches.SelectMany(b => b).ToArray();

    public Task SendAsync(IReadOnlyList<ExposureEvent> batch, CancellationToken cancellationToken)
    {
        _batches.Enqueue(batch.ToArray());
        return Task.CompletedTask;
    }
}
