using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Statistics;

namespace Experimentation.Grains.Analysis;

/// <summary>
/// Everything one look analyses, read from the grains that hold it. <see cref="Fingerprint"/> changes whenever any
/// of it does, so a look over unchanged data can reuse the previous one.
/// </summary>
public sealed record LookData(ExperimentView View, ExperimentInput Input, string Fingerprint, DateTimeOffset? AsOf, MismatchCounts Mismatches);
