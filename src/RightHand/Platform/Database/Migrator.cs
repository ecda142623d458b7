using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace RightHand.Platform.Database;

/// <summary>
/// Forward-only, versioned migrations written by hand in SQL, one folder per engine
/// (<c>Migrations/sqlite/0001_name.sql</c>, <c>Migrations/postgres/0001_name.sql</c>). Each runs in a
/// transaction together with its row in <c>schema_migrations</c>; a test compares the migrated schema
/// with the EF model so the two cannot drift apart.
/// </summary>
internal sealed class Migrator(AppDb db, ILogger<Migrator> log)
{
    public sealed record Migration(int Version, string Name, string Sql)
    {
        /// <summary>SHA-256 of the text with line ends normalised, so a checkout with CRLF does not count as an edit.</summary>
        public string Checksum { get; } = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Sql.Replace("\r\n", "\n", StringComparison.Ordinal))));
    }

    public static IReadOnlyList<Migration> For(DatabaseEngine engine)
    {
        var folder = engine == DatabaseEngine.Postgres ? ".postgres." : ".sqlite.";
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Migrations" + folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[(n.IndexOf(".Migrations" + folder, StringComparison.Ordinal) + ".Migrations".Length + folder.Length)..^4];
                var version = int.Parse(file.TrimStart('_')[..4], System.Globalization.CultureInfo.InvariantCulture);
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return new Migration(version, file, reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <summary>Applies the migrations not yet applied, up to <paramref name="upTo"/> (all by default). Returns those applied.</summary>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(int? upTo = null, CancellationToken ct = default)
    {
        var engine = db.IsPostgres ? DatabaseEngine.Postgres : DatabaseEngine.Sqlite;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // On PostgreSQL, instances starting together take turns for the whole run; the later one finds the
            // work done. Even CREATE TABLE IF NOT EXISTS needs it: run concurrently, both pass the check and one
            // fails on a duplicate type.
            if (engine == DatabaseEngine.Postgres) await ExecAsync(connection, null, "SELECT pg_advisory_lock(7200)", ct);
            if (engine == DatabaseEngine.Sqlite) await ExecAsync(connection, null, "PRAGMA journal_mode=WAL;", ct);
            await ExecAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL, checksum TEXT NOT NULL)
                """, ct);
            var applied = new List<Migration>();
            foreach (var migration in For(engine).Where(m => upTo is null || m.Version <= upTo))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await using (var check = connection.CreateCommand())
                {
                    check.Transaction = tx;
                    check.CommandText = $"SELECT checksum FROM schema_migrations WHERE version = {migration.Version}";
                    if (await check.ExecuteScalarAsync(ct) is string recorded)
                    {
                        // An applied migration is history: editing it would leave databases that ran the old text
                        // and databases that ran the new one. Fix forward with a new version instead.
                        if (recorded != migration.Checksum)
                            throw new InvalidOperationException($"Migration {migration.Name} was changed after it was applied to this database. Restore its original text and add a new migration for the change.");
                        continue;
                    }
                }
                await ExecAsync(connection, tx, migration.Sql, ct);
                await using (var record = connection.CreateCommand())
                {
                    record.Transaction = tx;
                    record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (@v, @n, @a, @c)";
                    AddParameter(record, "@v", migration.Version);
                    AddParameter(record, "@n", migration.Name);
                    AddParameter(record, "@a", DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                    AddParameter(record, "@c", migration.Checksum);
                    await record.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                log.LogInformation("Applied migration {Name}", migration.Name);
                applied.Add(migration);
            }
            return applied;
        }
        finally
        {
            // A session lock would outlive us on the pooled connection (unlocking one not held only warns).
            if (engine == DatabaseEngine.Postgres && connection.State == System.Data.ConnectionState.Open)
                await ExecAsync(connection, null, "SELECT pg_advisory_unlock(7200)", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task ExecAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
