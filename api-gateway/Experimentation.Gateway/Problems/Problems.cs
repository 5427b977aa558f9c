using Experimentation.GrainInterfaces.Experiments;
using Microsoft.AspNetCore.Http;

namespace Experimentation.Gateway.Problems;

/// <summary>RFC 7807 answers for refused commands: 400 names the field, 403 the role or team required, 404 the key, 409 the rule.</summary>
public static class Problems
{
    public static IResult From(CommandError error) => error.Kind switch
    {
        CommandErrorKind.Validation => Invalid(error.Field ?? "body", error.Message),
        CommandErrorKind.NotFound => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        CommandErrorKind.Forbidden => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"),
        _ => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
    };

    public static IResult Invalid(string field, string reason) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [reason] },
            detail: $"{field}: {reason}",
            title: "The request is invalid");

    /// <summary>404 for a key nobody has, naming what was looked for (<c>experiment</c>, <c>metric</c>, …).</summary>
    public static IResult UnknownKey(string what, string key) => From(CommandError.UnknownKey(what, key));
}
