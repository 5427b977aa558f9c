namespace Experimentation.GrainInterfaces.Security;

/// <summary>What a key may do (docs/security.md has the table). A key holds exactly one role.</summary>
[GenerateSerializer]
public enum Role
{
    /// <summary>Everything, including keys, namespaces and the global holdout. Scoped to one team: that team's keys.</summary>
    Admin,

    /// <summary>Writes the team's own experiments and metrics.</summary>
    Experimenter,

    /// <summary>Approves other people's experiments.</summary>
    Reviewer,

    /// <summary>Reads.</summary>
    Viewer,

    /// <summary>Reads the config, assigns and posts events. Nothing else.</summary>
    Sdk,
}
