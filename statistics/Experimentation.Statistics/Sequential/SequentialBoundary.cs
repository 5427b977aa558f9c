namespace Experimentation.Statistics;

/// <summary>Replays stored snapshots through the mSPRT to draw the boundary chart.</summary>
public static class SequentialBoundary
{
    /// <summary>
    /// The chart series, one point per snapshot in order. τ² is tuned per look from <paramref name="nStar"/> unless
    /// <paramref name="tauSquared"/> is given. Snapshots with a zero or invalid SE are left out.
    /// </summary>
    public static IReadOnlyList<SequentialBoundaryPoint> Series(IEnumerable<SequentialSnapshot> snapshots, double alpha = 0.05,
        double? tauSquared = null, double nStar = MixtureSequentialTest.DefaultNStar)
    {
        var points = new List<SequentialBoundaryPoint>();
        var state = SequentialState.Initial;
        foreach (var snapshot in snapshots)
        {
            double s2 = snapshot.StandardError * snapshot.StandardError;
            double tau2 = tauSquared ?? MixtureSequentialTest.TauSquared(alpha, snapshot.TotalUnits, s2, nStar);
            var look = MixtureSequentialTest.Look(state, snapshot.Delta, s2, tau2, alpha);
            if (look.Error != StatisticsError.None) continue;
            state = look.State;
            points.Add(new SequentialBoundaryPoint(snapshot.At, snapshot.Delta, look.Lambda, 1 / alpha, look.AlwaysValidPValue,
                look.ConfidenceInterval, look.AlwaysValidConfidenceInterval, look.StopForEfficacy));
        }
        return points;
    }
}
