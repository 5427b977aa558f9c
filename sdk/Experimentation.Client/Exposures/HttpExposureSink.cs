using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Experimentation.Client.Config;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Experimentation.Client.Exposures;

/// <summary>
/// Posts each batch as a JSON array to the ingestion API, <c>POST /api/events</c> relative to the
/// <see cref="HttpClient.BaseAddress"/>, and retries with backoff until a 2xx.
/// </summary>
/// <remarks>
/// The body is serialized once and resent byte for byte, so every retry carries the same event ids and the
/// server's dedupe makes delivery exactly once. Network errors, timeouts, 408, 429 and 5xx are retried (429 and 503
/// honour Retry-After, capped at <see cref="MaxRetryAfter"/>); any other 4xx means the batch itself is refused, so
/// retrying could not help and the batch is given up at once.
/// </remarks>
public sealed class HttpExposureSink : IExposureSink
{
    /// <summary>The longest Retry-After honoured, so that a misconfigured proxy cannot park the sender.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly int _attempts;
    private readonly TimeSpan _firstRetryDelay;
    private readonly TimeSpan _requestTimeout;
    private readonly ILogger _logger;

    /// <param name="http">A client whose <see cref="HttpClient.BaseAddress"/> is the gateway.</param>
    /// <param name="attempts">Attempts per batch, the first included.</param>
    /// <param name="firstRetryDelay">Wait before the first retry; it doubles per attempt up to 30 s.</param>
    /// <param name="requestTimeout">Timeout of one attempt.</param>
    public HttpExposureSink(HttpClient http, int attempts = 5, TimeSpan? firstRetryDelay = null, TimeSpan? requestTimeout = null,
        ILogger<HttpExposureSink>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        _http = http;
        _attempts = attempts;
        _firstRetryDelay = firstRetryDelay ?? TimeSpan.FromMilliseconds(200);
        _requestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10);
        _logger = logger ?? NullLogger<HttpExposureSink>.Instance;
    }

    /// <summary>The sink a client builds for its gateway when it is given none: attempts and timeout from its options.</summary>
    internal static HttpExposureSink ForGateway(HttpClient http, ExperimentationClientOptions options, ILoggerFactory? loggerFactory) =>
        new(http, options.Exposures.SendAttempts, requestTimeout: options.RequestTimeout,
            logger: (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<HttpExposureSink>());

    public async Task SendAsync(IReadOnlyList<ExposureEvent> batch, CancellationToken cancellationToken)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(batch, Json);
        for (int attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            string failure;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_requestTimeout);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = JsonMediaType;
                using var response = await _http.PostAsync("api/events", content, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                    return;
                failure = $"HTTP {(int)response.StatusCode}";
                if (!IsRetriable(response.StatusCode))
                    throw new ExposureDeliveryException($"The ingestion API refused a batch of {batch.Count} exposures with {failure}: {await ReadProblem(response, cancellationToken).ConfigureAwait(false)}");
                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {_requestTimeout.TotalSeconds:0.#} s";
            }

            if (attempt >= _attempts)
                throw new ExposureDeliveryException($"A batch of {batch.Count} exposures was not delivered after {attempt} attempts; the last failure: {failure}.");
            var delay = retryAfter is { } asked && asked > TimeSpan.Zero
                ? (asked < MaxRetryAfter ? asked : MaxRetryAfter)
                : Backoff.Delay(attempt - 1, _firstRetryDelay, TimeSpan.FromSeconds(30));
            _logger.LogWarning("Sending {Count} exposures failed ({Failure}); attempt {Attempt} of {Attempts} in {Delay} ms.",
                batch.Count, failure, attempt + 1, _attempts, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRetriable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static async Task<string> ReadProblem(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Length <= 500 ? text : text[..500] + "…";
    }
}
