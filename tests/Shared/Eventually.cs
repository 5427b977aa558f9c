using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Experimentation.Tests.Shared;

/// <summary>
/// The one way tests wait for something asynchronous: poll until a condition holds, and past the deadline fail with
/// what was awaited and the last value seen. A wait that returned quietly on timeout would let the assertions after it
/// check a half-finished state, or nothing at all.
/// </summary>
/// <remarks>Linked into every test project that waits (tests/Shared), so there is one copy.</remarks>
internal static class Eventually
{
    /// <summary>Far above any propagation target of the platform, so only a real failure reaches it.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Reads until <paramref name="done"/> holds for the value read, and returns that value.</summary>
    /// <param name="awaited">What the test waits for, completing "Timed out waiting for …".</param>
    /// <param name="condition">Filled in by the compiler with the text of <paramref name="done"/>, for the message.</param>
    /// <exception cref="TimeoutException">The deadline passed; the message names the last value read.</exception>
    public static async Task<T> Until<T>(string awaited, Func<Task<T>> read, Func<T, bool> done,
        TimeSpan? timeout = null, TimeSpan? interval = null, Func<T, string>? describe = null,
        [CallerArgumentExpression(nameof(done))] string condition = "")
    {
        var deadline = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (clock.Elapsed > deadline)
                throw new TimeoutException(
                    $"Timed out after {deadline.TotalSeconds:0.##} s waiting for {awaited} ({condition}); last seen: {(describe ?? Describe)(value)}");
            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <inheritdoc cref="Until{T}(string, Func{Task{T}}, Func{T, bool}, TimeSpan?, TimeSpan?, Func{T, string}?, string)"/>
    public static Task<T> Until<T>(string awaited, Func<T> read, Func<T, bool> done,
        TimeSpan? timeout = null, TimeSpan? interval = null, Func<T, string>? describe = null,
        [CallerArgumentExpression(nameof(done))] string condition = "") =>
        Until(awaited, () => Task.FromResult(read()), done, timeout, interval, describe, condition);

    // JSON shows records with array members in full, where ToString would print only the array's type name.
    private static string Describe<T>(T value)
    {
        if (value is null) return "null";
        if (value is string or bool or IFormattable or ITuple) return value.ToString() ?? "";
        if (value is JsonElement json) return json.ValueKind == JsonValueKind.Undefined ? "no JSON (default)" : json.GetRawText();
        try
        {
            return JsonSerializer.Serialize(value);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException)
        {
            return value.ToString() ?? "";
        }
    }
}
