using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Grains.Experiments.Events;

namespace Experimentation.Grains.Experiments;

/// <summary>The experiment grain's side of a guardrail breach: the breach, and the pause it causes, in one transaction.</summary>
public sealed partial class ExperimentGrain
{
    public Task<CommandResult<ExperimentView>> RecordGuardrailBreach(GuardrailBreach breach)
    {
        if (_state is null) return Task.FromResult(Refused(CommandError.UnknownKey("experiment", Key)));
        if (_state.Breaches.Contains(breach.BreachId)) return Task.FromResult(CommandResult<ExperimentView>.Ok(_state.ToView()));
        if (_state.Status is not (ExperimentStatus.Running or ExperimentStatus.Paused))
            return Task.FromResult(Refused(CommandError.Conflict($"The experiment is {ExperimentTransitions.Name(_state.Status)}: only a running or paused experiment records guardrail breaches.")));
        var at = clock.GetUtcNow();
        var breached = new GuardrailBreached(breach, at);
        Observability.DomainMeters.GuardrailBreaches.Add(1, new KeyValuePair<string, object?>("action", breach.Action.ToString().ToLowerInvariant()));
        if (breach.Action != GuardrailAction.Pause || _state.Status != ExperimentStatus.Running)
            return Append(GuardrailActor, breached);
        var reason = $"Guardrail {breach.MetricKey} breached for {breach.Treatment}: {breach.Degradation:P1} worse, beyond the tolerated {breach.MaxDegradation:P1} (look {breach.Look}).";
        return Append(GuardrailActor, breached, new ExperimentPaused(reason, at, PauseCause.Guardrail));
    }
}
