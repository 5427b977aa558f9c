using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;

namespace Experimentation.Dashboard.Components.Charts;

/// <summary>The settings every chart shares: responsive, no Plotly logo or mode bar, tight margins.</summary>
internal static class ChartDefaults
{
    public static Config Config() => new() { Responsive = true, DisplayLogo = false, DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False };

    public static Plotly.Blazor.Layout Layout(string xTitle, string yTitle, int height = 320) => new()
    {
        Height = height,
        Margin = new Margin { L = 60, R = 20, T = 20, B = 50 },
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle } }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle } }],
        ShowLegend = true,
    };
}
