namespace Experimentation.Assignment;

/// <summary>
/// Checks a <see cref="ConfigBundle"/> against the assignment contract and reports every problem at once, so the
/// config service (and LayerGrain, for slot collisions) can refuse a bad bundle with a useful message.
/// </summary>
public static class ConfigBundleValidator
{
    /// <summary>All problems found; empty when the bundle compiles.</summary>
    public static IReadOnlyList<string> Validate(ConfigBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var errors = new List<string>();
        // Two hashes with the same salt are the same hash: a namespace and an experiment sharing a salt would
        // make slot and traffic bucket functions of one number, so every salt in the bundle must be distinct.
        var salts = new Dictionary<string, string>(StringComparer.Ordinal);

        if (bundle.HoldoutBasisPoints is < 0 or > AssignmentLimits.BasisPointsScale)
            errors.Add($"HoldoutBasisPoints {bundle.HoldoutBasisPoints} is outside 0..{AssignmentLimits.BasisPointsScale}.");
        CheckSalt(bundle.HoldoutSalt, "the global holdout", salts, errors);

        var namespaces = new Dictionary<string, NamespaceConfig>(StringComparer.Ordinal);
        foreach (var ns in bundle.Namespaces ?? [])
        {
            if (ns is null || string.IsNullOrEmpty(ns.Key)) { errors.Add("A namespace has no key."); continue; }
            if (!namespaces.TryAdd(ns.Key, ns)) { errors.Add($"Namespace '{ns.Key}' is declared twice."); continue; }
            if (ns.TotalSlots is < 1 or > AssignmentLimits.MaxTotalSlots)
                errors.Add($"Namespace '{ns.Key}' has {ns.TotalSlots} slots; allowed 1..{AssignmentLimits.MaxTotalSlots}.");
            CheckSalt(ns.Salt ?? ns.Key, $"namespace '{ns.Key}'", salts, errors);
        }

        var experimentKeys = new HashSet<string>(StringComparer.Ordinal);
        var running = new List<ExperimentConfig>();
        foreach (var experiment in bundle.Experiments ?? [])
        {
            if (experiment is null || string.IsNullOrEmpty(experiment.Key)) { errors.Add("An experiment has no key."); continue; }
            if (!experimentKeys.Add(experiment.Key)) { errors.Add($"Experiment '{experiment.Key}' is declared twice."); continue; }
            string where = $"experiment '{experiment.Key}'";
            CheckSalt(experiment.Salt ?? experiment.Key, where, salts, errors);
            if (experiment.TrafficBasisPoints is < 0 or > AssignmentLimits.BasisPointsScale)
                errors.Add($"The traffic of {where}, {experiment.TrafficBasisPoints}, is outside 0..{AssignmentLimits.BasisPointsScale} basis points.");
            CheckVariants(experiment, where, errors);

            if (experiment.Namespace is null)
                continue;
            if (!namespaces.TryGetValue(experiment.Namespace, out var ns))
            {
                errors.Add($"The namespace '{experiment.Namespace}' of {where} does not exist.");
                continue;
            }
            if (experiment.SlotStart < 0 || experiment.SlotStart >= experiment.SlotEnd || experiment.SlotEnd > ns.TotalSlots)
                errors.Add($"The slots [{experiment.SlotStart}, {experiment.SlotEnd}) of {where} are not a non-empty range within [0, {ns.TotalSlots}).");
            else if (experiment.IsRunning)
                running.Add(experiment);
        }

        CheckOverlaps(running, errors);
        return errors;
    }

    private static void CheckSalt(string? salt, string owner, Dictionary<string, string> salts, List<string> errors)
    {
        Span<byte> scratch = stackalloc byte[SaltedUserKey.PrefixCapacity];
        if (string.IsNullOrEmpty(salt) || !SaltEncoding.TryWritePrefix(salt, scratch, out _))
            errors.Add($"The salt of {owner} is empty, not valid UTF-16, or longer than {AssignmentLimits.MaxSaltUtf8Bytes} UTF-8 bytes.");
        else if (!salts.TryAdd(salt, owner))
            errors.Add($"The salt '{salt}' of {owner} is already used by {salts[salt]}; salts must be distinct.");
    }

    private static void CheckVariants(ExperimentConfig experiment, string where, List<string> errors)
    {
        var variants = experiment.Variants ?? [];
        if (variants.Length == 0)
        {
            errors.Add($"{Capitalize(where)} has no variants.");
            return;
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var variant in variants)
        {
            if (variant is null || string.IsNullOrEmpty(variant.Key)) { errors.Add($"A variant of {where} has no key."); continue; }
            if (!keys.Add(variant.Key)) errors.Add($"Variant '{variant.Key}' of {where} is declared twice.");
            if (variant.Weight < 0) errors.Add($"Variant '{variant.Key}' of {where} has a negative weight.");
            total += Math.Max(0, variant.Weight);
        }
        if (total is <= 0 or > AssignmentLimits.MaxTotalWeight)
            errors.Add($"The weights of {where} sum to {total}; allowed 1..{AssignmentLimits.MaxTotalWeight}.");
    }

    private static void CheckOverlaps(List<ExperimentConfig> running, List<string> errors)
    {
        foreach (var layer in running.GroupBy(e => e.Namespace!, StringComparer.Ordinal))
        {
            // Sorted by start, a range overlaps an earlier one exactly when it starts before the furthest end so far.
            ExperimentConfig? furthest = null;
            foreach (var experiment in layer.OrderBy(e => e.SlotStart))
            {
                if (furthest is not null && experiment.SlotStart < furthest.SlotEnd)
                    errors.Add($"Running experiments '{furthest.Key}' and '{experiment.Key}' overlap in namespace '{layer.Key}'.");
                if (furthest is null || experiment.SlotEnd > furthest.SlotEnd)
                    furthest = experiment;
            }
        }
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
