using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.GrainInterfaces.Namespaces;

/// <summary>
/// One namespace (layer), keyed by its key: the only writer of its slot map. Experiments claim a contiguous range
/// when they start and release it when they conclude; a claim that cannot fit names the experiments in the way.
/// </summary>
public interface INamespaceGrain : IGrainWithStringKey
{
    Task<CommandResult<NamespaceView>> Create(int totalSlots);

    Task<NamespaceView?> Get();

    /// <summary>Claims slots for an experiment; claiming again for the same experiment returns its range.</summary>
    Task<CommandResult<SlotRange>> Claim(string experimentKey, int slots);

    /// <summary>Frees the experiment's slots; releasing an experiment that holds none does nothing.</summary>
    Task Release(string experimentKey);
}
