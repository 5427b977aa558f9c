using System.Reflection;
using Npgsql;

namespace Experimentation.Silo.Persistence;

/// <summary>
/// Applies the project's own PostgreSQL schema for the Orleans ADO.NET providers: the SQL scripts embedded from
/// <c>Sql/*.sql</c>, in ordinal name order. The Orleans packages ship no SQL, so the silo owns and applies it.
/// </summary>
/// <remarks>
/// Every script is idempotent and takes a transaction-scoped advisory lock, so applying them on every start-up,
/// and from several silos at once, is safe. Each script runs in its own transaction: a failure leaves that script
/// without effect, and the exception names it.
/// </remarks>
public static class OrleansSchema
{
    private static readonly Assembly ScriptAssembly = typeof(OrleansSchema).Assembly;

    /// <summary>Names of the embedded scripts, in the order <see cref="ApplyAsync"/> runs them.</summary>
    public static IReadOnlyList<string> ScriptNames { get; } = ScriptAssembly.GetManifestResourceNames()
        .Where(name => name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Creates or updates the Orleans tables, functions and <c>OrleansQuery</c> rows.</summary>
    /// <param name="connectionString">Npgsql connection string of the target database, which must exist.</param>
    /// <param name="ct">Cancels the run; the script in progress is rolled back.</param>
    public static async Task ApplyAsync(string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (ScriptNames.Count == 0)
        {
            // A silo started without its schema would fail later, at the first grain activation, far from the cause.
            throw new InvalidOperationException($"No embedded *.sql script found in {ScriptAssembly.GetName().Name}.");
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        foreach (var name in ScriptNames)
        {
            var sql = await ReadScriptAsync(name, ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            try
            {
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            catch (PostgresException ex)
            {
                throw new InvalidOperationException($"Applying the Orleans schema script {name} failed: {ex.MessageText}", ex);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task<string> ReadScriptAsync(string name, CancellationToken ct)
    {
        await using var stream = ScriptAssembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} cannot be opened.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
    }
}
