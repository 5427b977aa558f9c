using System.Globalization;
using Microsoft.JSInterop;

namespace Experimentation.Dashboard.Services;

/// <summary>
/// Shows times in the viewer's time zone: the browser names it (IANA) once per circuit, and every time is converted
/// on the server. Until the browser has answered, or if it names a zone this server does not know, times show in UTC.
/// </summary>
public sealed class ViewerClock(IJSRuntime js)
{
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private bool _asked;

    public TimeZoneInfo Zone => _zone;

    /// <summary>Asks the browser for its time zone; call from OnAfterRenderAsync, when JS interop is available.</summary>
    public async Task<bool> LearnAsync()
    {
        if (_asked) return false;
        _asked = true;
        try
        {
            var id = await js.InvokeAsync<string>("experimentationDashboard.timeZone");
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) _zone = zone;
            return true;
        }
        catch (JSException)
        {
            return false;
        }
    }

    /// <summary>The wall-clock time in the viewer's zone, for chart axes (which show what they are given).</summary>
    public DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone).DateTime;

    public string Format(DateTimeOffset? at) => at is { } t ? Format(t) : Formats.Missing;

    public string Format(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, _zone);
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + Abbreviation(local.Offset);
    }

    private string Abbreviation(TimeSpan offset) =>
        _zone == TimeZoneInfo.Utc ? "UTC" : "UTC" + (offset < TimeSpan.Zero ? "−" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
