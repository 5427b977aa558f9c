using System.Text.Json;
using Experimentation.GrainInterfaces.Audit;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Orleans.Concurrency;

namespace Experimentation.Grains.Audit;

/// <summary>
/// Lists Marten's events across all streams with their headers, newest first, by keyset paging on the global
/// sequence (stable while new events arrive, unlike an offset). Plain SQL, because the header filters are JSON paths
/// that Marten's LINQ over raw events does not offer.
/// </summary>
[StatelessWorker]
public sealed class AuditGrain(IDocumentStore store) : Grain, IAuditGrain
{
    private const string Sql = $"""
        SELECT seq_id, stream_id, version, mt_dotnet_type, timestamp, data::text, headers::text
        FROM {MartenSetup.Schema}.mt_events
        WHERE (@team::text IS NULL OR headers ->> '{Actors.OwnerTeam}' = @team OR headers ->> '{Actors.Team}' = @team)
          AND (@actor::text IS NULL OR headers ->> '{Actors.Actor}' = @actor OR headers ->> '{Actors.Key}' = @actor)
          AND (@since::timestamptz IS NULL OR timestamp >= @since)
          AND (@before::bigint IS NULL OR seq_id < @before)
        ORDER BY seq_id DESC
        LIMIT @limit
        """;

    public async Task<AuditPage> List(AuditQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, AuditQuery.MaxLimit);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter("team", NpgsqlDbType.Text) { Value = (object?)query.Team ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("actor", NpgsqlDbType.Text) { Value = (object?)query.Actor ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = (object?)query.Since?.UtcDateTime ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.Bigint) { Value = (object?)query.Before ?? DBNull.Value });
        // One more than a page tells whether another page follows.
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit + 1 });

        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            JsonElement? headers = reader.IsDBNull(6) ? null : JsonDocument.Parse(reader.GetString(6)).RootElement;
            entries.Add(new AuditEntry(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), TypeName(reader.GetString(3)),
                new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero), reader.GetString(5),
                Header(headers, Actors.Actor), Header(headers, Actors.Key), Header(headers, Actors.Team), Header(headers, Actors.OwnerTeam)));
        }
        var more = entries.Count > limit;
        if (more) entries.RemoveAt(limit);
        return new AuditPage(entries.ToArray(), more ? entries[^1].Sequence : null);
    }

    // "Experimentation.Grains.Experiments.Events.ExperimentStarted, Experimentation.Grains" → ExperimentStarted, as /history names it.
    private static string TypeName(string dotnetType)
    {
        var type = dotnetType.Split(',')[0];
        return type[(type.LastIndexOf('.') + 1)..];
    }

    private static string? Header(JsonElement? headers, string name) =>
        headers is { ValueKind: JsonValueKind.Object } h && h.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
