using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Dashboard.Components.Shared;

/// <summary>
/// A refused command's message kept against the field it names (the grains' JSON path, variants[1].weight), so a form
/// shows the API's own words beside the input that caused them; a refusal without a field shows above the form.
/// </summary>
public sealed class FieldErrors
{
    private CommandError? _error;

    public string? General => _error is { Field: null } e ? e.Message : null;

    public void Set(CommandError? error) => _error = error;

    public void Clear() => _error = null;

    public bool Has(string field) => _error?.Field == field;

    public string? For(string field) => Has(field) ? $"{field} {_error!.Message}" : null;

    /// <summary>True when the error names a field the form has no input for, so it must show above the form too.</summary>
    public string? Unplaced(IEnumerable<string> fields) => _error is { Field: { } f } e && !fields.Contains(f) ? $"{f} {e.Message}" : General;
}
