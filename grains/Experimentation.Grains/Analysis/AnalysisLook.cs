using Experimentation.Statistics;
using Experimentation.Statistics.Reports;

namespace Experimentation.Grains.Analysis;

/// <summary>
/// The Marten document of one look: the report exactly as it was returned (its JSON text, so a replay is byte for
/// byte), the sequential state to continue from, the chart point, and the fingerprint of the data it analysed.
/// </summary>
public sealed class AnalysisLook
{
    /// <summary>"{experiment}/{look:D12}": inserting a look number twice fails, so two activations cannot fork the sequence.</summary>
    public string Id { get; set; } = "";
    public string Experiment { get; set; } = "";
    public long Look { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    public string Fingerprint { get; set; } = "";
    public string Report { get; set; } = "";
    public Dictionary<string, SequentialState> States { get; set; } = [];
    public LookPoint Point { get; set; } = null!;

    /// <summary>The verdict episodes open at this look (<see cref="VerdictEpisodes"/>), so the next look raises only new ones.</summary>
    public string[] OpenEpisodes { get; set; } = [];

    public static string IdOf(string experiment, long look) => $"{experiment}/{look:D12}";
}
