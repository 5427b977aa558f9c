using Experimentation.Dashboard.Services;
using Experimentation.Statistics.Reports;

namespace Experimentation.Dashboard.Tests.Components;

/// <summary>
/// Reports as the analysis grain writes them (the JSON of GET /results), with round literal numbers so the expected
/// text is plain to check by eye. Only the numbers a test is about vary.
/// </summary>
internal static class SampleReports
{
    public static ExperimentReport TwoTreatments(bool srmFlagged = false, string firstBadge = "significant", string secondBadge = "underpowered") =>
        ReportReader.Report($$"""
        {
          "experiment": "checkout", "status": "running", "look": 7, "takenAt": "2026-12-01T09:30:00+00:00", "asOf": null,
          "mismatches": { "notRunning": 0, "unknownVariant": 0, "conflictingVariant": 0 },
          "analysis": {
            "alpha": 0.05, "decisionMode": "sequential",
            "arms": [ { "key": "control", "control": true, "weight": 1, "units": 12000 }, { "key": "green", "control": false, "weight": 1, "units": 12100 },
                      { "key": "blue", "control": false, "weight": 1, "units": 900 } ],
            "srm": { "error": null, "chiSquared": {{(srmFlagged ? 40.2 : 0.4)}}, "degreesOfFreedom": 2, "pValue": {{(srmFlagged ? 0.00001 : 0.81)}}, "flagged": {{(srmFlagged ? "true" : "false")}} },
            "metrics": [ {
              "key": "checkout-conversion", "metricType": "conversion", "role": "primary", "higherIsBetter": true, "error": null,
              "arms": [ { "key": "control", "control": true, "n": 12000, "mean": 0.118, "variance": 0.104, "weight": 1 },
                        { "key": "green", "control": false, "n": 12100, "mean": 0.1207258, "variance": 0.106, "weight": 1 },
                        { "key": "blue", "control": false, "n": 900, "mean": 0.11, "variance": 0.098, "weight": 1 } ],
              "comparisons": [
                {{Comparison("green", 0.1207258, 0.0027258, 0.0231, -0.004, 0.051, 0.0123, 0.0246, 0.2, firstBadge)}},
                {{Comparison("blue", 0.11, -0.008, -0.0678, -0.21, 0.075, 0.51, 0.51, 1, secondBadge)}}
              ]
            } ],
            "recommendation": { "decision": "keep_running", "treatment": null, "reason": "No primary metric has conclusive evidence yet." }
          }
        }
        """);

    /// <summary>
    /// The global holdout's report: 200 held-out users against 600 exposed to experiments, revenue 9.0 against 9.9 (a
    /// 10% cumulative lift, CI [+4.2%, +15.8%]).
    /// </summary>
    public static ExperimentReport Holdout(bool srmFlagged = false) =>
        ReportReader.Report($$"""
        {
          "experiment": "global-holdout", "status": "running", "look": 12, "takenAt": "2026-12-01T10:15:00+00:00", "asOf": null,
          "mismatches": { "notRunning": 0, "unknownVariant": 0, "conflictingVariant": 0 },
          "analysis": {
            "alpha": 0.05, "decisionMode": "sequential",
            "arms": [ { "key": "holdout", "control": true, "weight": 1, "units": 200 }, { "key": "exposed", "control": false, "weight": 3, "units": 600 } ],
            "srm": { "error": null, "chiSquared": {{(srmFlagged ? 40.2 : 0)}}, "degreesOfFreedom": 1, "pValue": {{(srmFlagged ? 0.00001 : 1)}}, "flagged": {{(srmFlagged ? "true" : "false")}} },
            "metrics": [ {
              "key": "revenue", "metricType": "mean", "role": "primary", "higherIsBetter": true, "error": null,
              "arms": [ { "key": "holdout", "control": true, "n": 200, "mean": 9.0, "variance": 8.9, "weight": 1 },
                        { "key": "exposed", "control": false, "n": 600, "mean": 9.9, "variance": 9.1, "weight": 3 } ],
              "comparisons": [
                {{Comparison("exposed", 9.9, 0.9, 0.1, 0.042, 0.158, 0.0004, 0.0004, 0.004, "significant", control: "holdout", controlMean: 9.0)}}
              ]
            } ],
            "recommendation": { "decision": "ship", "treatment": "exposed", "reason": "exposed wins on the primary metric." }
          }
        }
        """);

    private static string Comparison(string treatment, double mean, double delta, double lift, double lower, double upper,
        double p, double adjusted, double alwaysValid, string badge, string control = "control", double controlMean = 0.118) => $$"""
        {
          "treatment": "{{treatment}}", "control": "{{control}}", "error": null, "controlMean": {{controlMean}}, "treatmentMean": {{mean}},
          "delta": {{delta}}, "standardError": 0.004, "statistic": 1.2, "statisticName": "chi_squared", "degreesOfFreedom": 1,
          "pValue": {{p}}, "adjustedPValue": {{adjusted}},
          "confidenceInterval": { "lower": -0.001, "upper": 0.006 },
          "lift": {{lift}}, "liftConfidenceInterval": { "lower": {{lower}}, "upper": {{upper}} },
          "sequential": { "error": null, "tau2": 0.0001, "logLambda": 0.1, "lambda": 1.1, "pValue": {{alwaysValid}}, "alwaysValidPValue": {{alwaysValid}},
                          "confidenceInterval": { "lower": -0.01, "upper": 0.01 }, "alwaysValidConfidenceInterval": { "lower": -0.01, "upper": 0.01 },
                          "stopForEfficacy": false, "stopForFutility": false },
          "power": { "error": null, "mdeAbsolute": 0.00236, "requiredSampleSizePerArm": 10000, "underpowered": false },
          "badge": "{{badge}}"
        }
        """;
}
