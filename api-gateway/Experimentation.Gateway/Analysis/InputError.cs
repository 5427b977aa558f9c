using Microsoft.AspNetCore.Http;

namespace Experimentation.Gateway.Analysis;

/// <summary>Why a request was refused: the field as the caller spelled it, and what is wrong with it.</summary>
public sealed record InputError(string Field, string Reason)
{
    public IResult ToProblem() => Problems.Problems.Invalid(Field, Reason);
}
