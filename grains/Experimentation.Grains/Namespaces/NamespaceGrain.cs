using Experimentation.Assignment;
using Experimentation.GrainInterfaces;
using Experimentation.GrainInterfaces.Config;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Namespaces;
using Experimentation.GrainInterfaces.Security;
using Experimentation.Grains.Audit;
using Experimentation.Grains.Security;
using Marten;

namespace Experimentation.Grains.Namespaces;

/// <summary>
/// Owns one namespace's slot map in a Marten document. Orleans runs one call at a time here, so two experiments
/// starting at once cannot both take the same slots.
/// </summary>
public sealed class NamespaceGrain(IDocumentStore store, TimeProvider clock) : Grain, INamespaceGrain
{
    public const string SaltPrefix = "namespace:";

    private NamespaceDocument? _doc;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        _doc = await session.LoadAsync<NamespaceDocument>(Key, cancellationToken);
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<CommandResult<NamespaceView>> Create(int totalSlots)
    {
        // Namespaces are shared by every team, so they belong to the installation's admins (docs/security.md).
        if (Permissions.InstallationAdmin(CallerContext.Current, "Creating a namespace") is { } forbidden)
            return CommandResult<NamespaceView>.Refused(forbidden);
        if (!Keys.IsValid(Key)) return CommandResult<NamespaceView>.Refused(CommandError.Invalid("key", $"must match {Keys.Pattern}"));
        // The bound belongs to assignment: a larger namespace would make every bundle carrying it invalid.
        if (totalSlots is < 1 or > AssignmentLimits.MaxTotalSlots)
            return CommandResult<NamespaceView>.Refused(CommandError.Invalid("totalSlots", $"must be between 1 and {AssignmentLimits.MaxTotalSlots}"));
        if (_doc is not null) return CommandResult<NamespaceView>.Refused(CommandError.Conflict($"A namespace with key '{Key}' already exists."));

        // Layers are independent because their salts differ. The prefix keeps a namespace's salt apart from any
        // experiment's (an experiment salts with its bare key, and keys cannot contain ':').
        var created = new NamespaceDocument { Id = Key, TotalSlots = totalSlots, Salt = SaltPrefix + Key, CreatedAt = clock.GetUtcNow() };
        await Save(created, new NamespaceCreated(Key, totalSlots, created.CreatedAt));
        return CommandResult<NamespaceView>.Ok(_doc!.ToView());
    }

    public Task<NamespaceView?> Get() => Task.FromResult(_doc?.ToView());

    public async Task<CommandResult<SlotRange>> Claim(string experimentKey, int slots)
    {
        if (_doc is null) return CommandResult<SlotRange>.Refused(CommandError.UnknownKey("namespace", Key));
        if (_doc.Allocations.FirstOrDefault(a => a.ExperimentKey == experimentKey) is { } held) return CommandResult<SlotRange>.Ok(held);
        if (slots < 1 || slots > _doc.TotalSlots)
            return CommandResult<SlotRange>.Refused(CommandError.Invalid("namespace.slots", $"must be between 1 and the namespace's {_doc.TotalSlots} slots"));

        if (SlotAllocator.FirstFit(_doc.Allocations, _doc.TotalSlots, experimentKey, slots) is not { } range)
        {
            var holders = string.Join(", ", _doc.Allocations.OrderBy(a => a.Start).Select(a => $"'{a.ExperimentKey}' [{a.Start}, {a.End})"));
            return CommandResult<SlotRange>.Refused(CommandError.Conflict(
                $"Namespace '{Key}' has no {slots} contiguous free slots of {_doc.TotalSlots}; they collide with {holders}."));
        }
        await Save(_doc with { Allocations = [.. _doc.Allocations, range] });
        return CommandResult<SlotRange>.Ok(range);
    }

    public async Task Release(string experimentKey)
    {
        if (_doc is null || _doc.Allocations.All(a => a.ExperimentKey != experimentKey)) return;
        await Save(_doc with { Allocations = _doc.Allocations.Where(a => a.ExperimentKey != experimentKey).ToArray() });
    }

    // Slot claims and releases carry no audit event of their own: the experiment's start or conclusion records them.
    private async Task Save(NamespaceDocument doc, object? audit = null)
    {
        await using (var session = store.LightweightSession())
        {
            session.Store(doc);
            if (audit is not null)
            {
                session.Events.Append(AuditStreams.Namespace(Key), audit);
                Actors.Stamp(session);
            }
            await session.SaveChangesAsync();
        }
        _doc = doc;
        await GrainFactory.GetGrain<IConfigGrain>(IConfigGrain.Key).NamespaceChanged(doc.ToView());
    }
}
