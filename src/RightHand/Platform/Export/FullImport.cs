using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Audit;
using RightHand.Platform.Database;

namespace RightHand.Platform.Export;

/// <summary>
/// Restores a full export into an empty instance of either engine. It checks the whole archive first
/// (<see cref="ArchiveCheck"/>) and that nobody uses this instance yet; then, in one transaction, it
/// replaces whatever the migrations seeded with the archive's rows, written as they are: the audit
/// trail is copied, not recorded anew, so its hash chain still verifies. Any failure changes nothing.
/// </summary>
internal sealed class FullImport(AppDb db, Support.AttachmentStore attachments)
{
    /// <summary>Rows per INSERT statement: few round trips, well under either engine's limit of parameters.</summary>
    private const int ParametersPerStatement = 900;

    public async Task<OperationResult> RestoreAsync(string archivePath, CancellationToken ct = default)
    {
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(archivePath); }
        catch (FileNotFoundException) { return OperationResult.Fail($"{archivePath}: file not found"); }
        catch (InvalidDataException e) { return OperationResult.Fail($"{archivePath}: not a zip archive or damaged ({e.Message})"); }

        using (zip)
        {
            var tables = ArchiveTables.Of(db);
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                ArchiveManifest? manifest;
                try { manifest = ReadManifest(zip); }
                catch (JsonException) { return OperationResult.Fail("not a RightHand export: manifest.json is not readable"); }
                catch (InvalidDataException e) { return OperationResult.Fail($"{archivePath}: damaged ({e.Message})"); }

                string? problem;
                try { problem = ArchiveCheck.Problem(zip, manifest, await FullExport.SchemaVersionsAsync(connection, null, ct), tables); }
                catch (Exception e) when (e is InvalidDataException or JsonException) { return OperationResult.Fail($"{archivePath}: damaged ({e.Message})"); }
                if (problem is not null) return OperationResult.Fail(problem);
                if (await InUseAsync(connection, ct) is { } inUse) return OperationResult.Fail(inUse);

                await using var tx = await connection.BeginTransactionAsync(ct);
                foreach (var table in Enumerable.Reverse(tables)) await ExecAsync(connection, tx, $"DELETE FROM {FullExport.Quote(table.Name)}", ct);
                foreach (var table in tables) await InsertAsync(zip, connection, tx, table, ct);
                if (db.IsPostgres) foreach (var table in tables) await ResetSequencesAsync(connection, tx, table, ct);
                // The attachments' content goes back into the store before the commit: a failure leaves only unreferenced files behind.
                foreach (var sha in await FullExport.AttachmentHashesAsync(db, connection, tx, ct))
                {
                    if (zip.GetEntry($"files/{sha}") is not { } entry) continue;
                    await using var content = entry.Open();
                    await attachments.SaveAsync(content, ct);
                }
                await tx.CommitAsync(ct);
                return OperationResult.Ok;
            }
            finally { await db.Database.CloseConnectionAsync(); }
        }
    }

    private static ArchiveManifest? ReadManifest(ZipArchive zip)
    {
        if (zip.GetEntry(ArchiveManifest.EntryName) is not { } entry) return null;
        using var stream = entry.Open();
        return JsonSerializer.Deserialize<ArchiveManifest>(stream, ArchiveManifest.Json);
    }

    /// <summary>An instance is in use once someone has an account or anything was audited; migrations' seed rows do not count.</summary>
    private async Task<string?> InUseAsync(DbConnection connection, CancellationToken ct)
    {
        var people = await CountAsync(connection, db.Model.FindEntityType(typeof(Person))!.GetTableName()!, ct);
        if (people > 0) return $"the instance is not empty: {people} {(people == 1 ? "person exists" : "people exist")}";
        var audit = await CountAsync(connection, db.Model.FindEntityType(typeof(AuditEntry))!.GetTableName()!, ct);
        if (audit > 0) return $"the instance is not empty: {audit} audit {(audit == 1 ? "entry exists" : "entries exist")}";
        return null;
    }

    private static async Task InsertAsync(ZipArchive zip, DbConnection connection, DbTransaction tx, ArchiveTable table, CancellationToken ct)
    {
        var perStatement = Math.Max(1, ParametersPerStatement / table.Columns.Count);
        var columns = string.Join(", ", table.Columns.Select(c => FullExport.Quote(c.Name)));
        var batch = new List<JsonDocument>(perStatement);
        using var reader = new StreamReader(zip.GetEntry(table.FileName)!.Open());
        try
        {
            while (reader.ReadLine() is { } line)
            {
                batch.Add(JsonDocument.Parse(line));
                if (batch.Count == perStatement) await FlushAsync();
            }
            await FlushAsync();
        }
        finally { foreach (var row in batch) row.Dispose(); }

        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            var sql = new StringBuilder($"INSERT INTO {FullExport.Quote(table.Name)} ({columns}) VALUES ");
            for (var r = 0; r < batch.Count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                    sql.Append(c == 0 ? name : ", " + name);
                    table.Columns[c].AddParameter(command, name, Value(zip, batch[r].RootElement, table.Columns[c]));
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
            foreach (var row in batch) row.Dispose();
            batch.Clear();
        }
    }

    private static object? Value(ZipArchive zip, JsonElement row, ArchiveColumn column)
    {
        // A column the archive leaves out is a column added since; the model's default then applies.
        if (!row.TryGetProperty(column.Name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (column.StoredType != typeof(byte[])) return CanonicalValues.Read(value, column.StoredType);
        using var stream = zip.GetEntry($"files/{value.GetProperty(FullExport.FileReference).GetString()}")!.Open();
        using var content = new MemoryStream();
        stream.CopyTo(content);
        return content.ToArray();
    }

    /// <summary>Rows came with their ids, so identity and serial sequences would hand out those ids again; they continue after the highest.</summary>
    private static async Task ResetSequencesAsync(DbConnection connection, DbTransaction tx, ArchiveTable table, CancellationToken ct)
    {
        foreach (var column in table.Columns.Where(c => c.StoredType == typeof(int) || c.StoredType == typeof(long)))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            var name = FullExport.Quote(table.Name);
            var col = FullExport.Quote(column.Name);
            command.CommandText = $"""
                SELECT setval(s, COALESCE((SELECT MAX({col}) FROM {name}), 0) + 1, false)
                FROM pg_get_serial_sequence('{name.Replace("'", "''", StringComparison.Ordinal)}', '{column.Name.Replace("'", "''", StringComparison.Ordinal)}') AS s
                WHERE s IS NOT NULL
                """;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task<long> CountAsync(DbConnection connection, string table, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {FullExport.Quote(table)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static async Task ExecAsync(DbConnection connection, DbTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
