using Microsoft.Extensions.Options;

namespace Experimentation.Client.Hosting;

/// <summary>Reports every problem with the options at host start, instead of at the first assignment.</summary>
internal sealed class ExperimentationClientOptionsValidator(bool requireServerUrl) : IValidateOptions<ExperimentationClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ExperimentationClientOptions options)
    {
        var errors = options.Validate(requireServerUrl);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
