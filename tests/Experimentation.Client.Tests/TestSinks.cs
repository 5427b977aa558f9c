using Experimentation.Client.Exposures;

namespace Experimentation.Client.Tests;

/// <summary>A sink that holds every send until released, to fill the logger's queue.</summary>
internal sealed class BlockedSink : IExposureSink
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Sends;

    public void Release() => _release.TrySetResult();

    public async Task SendAsync(IReadOnlyList<ExposureEvent> batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Sends);
        await _release.Task.WaitAsync(cancellationToken);
    }
}

/// <summary>A sink that refuses its first <c>failures</c> batches, then keeps the rest.</summary>
internal sealed class FlakySink(int failures) : IExposureSink
{
    private int _left = failures;

    public InMemoryExposureSink Delivered { get; } = new();

    public Task SendAsync(IReadOnlyList<ExposureEvent> batch, CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref _left) >= 0
            ? throw new ExposureDeliveryException("refused by the test")
            : Delivered.SendAsync(batch, cancellationToken);
}
