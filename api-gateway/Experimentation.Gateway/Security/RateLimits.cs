using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Experimentation.Gateway.Security;

/// <summary>
/// The rate-limit policies endpoints declare with <c>.RequireRateLimiting(RateLimits.Writes)</c>, partitioned per key
/// id: one noisy key cannot use up another's share. The limiter runs after authorization, so only accepted keys count.
/// </summary>
public static class RateLimits
{
    public const string Events = "events", Assign = "assign", Analysis = "analysis", Writes = "writes";

    internal static void AddPolicies(IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = Reject;
            Add(limiter, Events, o => o.Events);
            Add(limiter, Assign, o => o.Assign);
            Add(limiter, Analysis, o => o.Analysis);
            Add(limiter, Writes, o => o.Writes);
        });
    }

    private static void Add(Microsoft.AspNetCore.RateLimiting.RateLimiterOptions limiter, string name, Func<RateLimitOptions, RateLimit> pick) =>
        limiter.AddPolicy(name, context =>
        {
            var limit = pick(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
            var key = context.User.FindFirst(CallerClaims.KeyId)?.Value ?? "";
            return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limit.Burst,
                TokensPerPeriod = limit.PerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });

    private static async ValueTask Reject(OnRejectedContext rejected, CancellationToken ct)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await TypedResults.Problem($"This key sent too many requests of this kind; retry after {seconds} s. The limits are documented in docs/security.md.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(rejected.HttpContext);
    }
}
