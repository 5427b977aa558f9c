namespace Experimentation.Silo.Hosting;

/// <summary>
/// The Event Hubs transport's settings, from <c>Experimentation:Ingestion:EventHubs</c>. Read only when
/// <c>Experimentation:Ingestion:Streams</c> is <c>eventhubs</c>; a missing setting stops start-up with its name.
/// </summary>
public sealed record EventHubSettings(string ConnectionString, string Name, string ConsumerGroup)
{
    public const string Section = "Experimentation:Ingestion:EventHubs";

    public static EventHubSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        string Required(string key) => section[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Section}:{key} is required when Experimentation:Ingestion:Streams is 'eventhubs'.");
        return new EventHubSettings(Required("ConnectionString"), Required("Name"), section["ConsumerGroup"] is { Length: > 0 } group ? group : "$Default");
    }
}
