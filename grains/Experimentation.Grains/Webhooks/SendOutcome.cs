namespace Experimentation.Grains.Webhooks;

/// <summary>What one attempt got: an HTTP status, or no answer and why.</summary>
public sealed record SendOutcome(int? Status, string? Error)
{
    public bool Delivered => Status is >= 200 and < 300;

    public bool Gone => Status == 410;

    public static SendOutcome Answered(int status) => new(status, status is >= 200 and < 300 ? null : Explain(status));

    public static SendOutcome NoAnswer(string error) => new(null, error.Length <= 300 ? error : error[..300]);

    private static string Explain(int status) => status is >= 300 and < 400
        ? $"HTTP {status}: redirects are not followed; give the final URL"
        : $"HTTP {status}";
}
