using Orleans.Runtime;

namespace Experimentation.Tests.Persistence;

/// <summary>A test grain whose whole state lives in the default (ADO.NET) grain storage.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<CounterSnapshot> Get();

    Task<CounterSnapshot> Set(int value, string label);

    Task<CounterSnapshot> Clear();
}

/// <summary>What a <see cref="ICounterGrain"/> holds, with the storage metadata the tests assert on.</summary>
[GenerateSerializer, Immutable]
public sealed record CounterSnapshot(
    [property: Id(0)] int Value,
    [property: Id(1)] string? Label,
    [property: Id(2)] string? ETag,
    [property: Id(3)] bool RecordExists);

/// <summary>The persisted state of <see cref="CounterGrain"/>.</summary>
[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)] public int Value { get; set; }

    [Id(1)] public string? Label { get; set; }
}

/// <summary>Writes, reads and clears its state through <see cref="IPersistentState{T}"/> and nothing else.</summary>
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public Task<CounterSnapshot> Get() => Task.FromResult(Snapshot());

    public async Task<CounterSnapshot> Set(int value, string label)
    {
        state.State.Value = value;
        state.State.Label = label;
        await state.WriteStateAsync();
        return Snapshot();
    }

    public async Task<CounterSnapshot> Clear()
    {
        await state.ClearStateAsync();
        return Snapshot();
    }

    private CounterSnapshot Snapshot() => new(state.State.Value, state.State.Label, state.Etag, state.RecordExists);
}
