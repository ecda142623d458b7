using System.Buffers;
using System.Data;
using System.Data.Common;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;

namespace RightHand.Platform.Export;

/// <summary>
/// The company's complete data as one zip: every table of the model as JSON lines in key order,
/// binary values as <c>files/&lt;sha256&gt;</c>, and <c>manifest.json</c> with counts and checksums.
/// Everything is read in one transaction (a snapshot: PostgreSQL's repeatable read, SQLite's read
/// transaction), row by row from a plain data reader straight into the zip, so memory stays flat
/// however large the database is.
/// </summary>
internal sealed class FullExport(AppDb db, TimeProvider clock, Support.AttachmentStore attachments)
{
    private const int ChunkBytes = 64 * 1024;

    public sealed record TableCount(string Table, long Rows);

    /// <summary>How many rows each table holds now, for the owner to see what a download will contain.</summary>
    public async Task<IReadOnlyList<TableCount>> CountsAsync(CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var counts = new List<TableCount>();
            foreach (var table in ArchiveTables.Of(db))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM {Quote(table.Name)}";
                counts.Add(new(table.Name, Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture)));
            }
            return counts;
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    /// <summary>Writes the audit entry for a download; it is committed before the data is read, so the archive contains it.</summary>
    public async Task RecordDownloadAsync(CancellationToken ct = default)
    {
        db.Audit.Record("export_downloaded", "Platform", "Export", "all");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Writes the archive to <paramref name="output"/> (left open) and returns its manifest.</summary>
    public async Task<ArchiveManifest> WriteAsync(Stream output, CancellationToken ct = default)
    {
        var tables = ArchiveTables.Of(db);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        var spool = Directory.CreateTempSubdirectory("righthand-export-");
        try
        {
            // SQLite's default BEGIN IMMEDIATE would take the write lock and stop the app for the whole export.
            await using var tx = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            var schema = await SchemaVersionsAsync(connection, tx, ct);
            var createdAt = CanonicalValues.Time(clock.GetUtcNow().UtcDateTime);

            var tableEntries = new List<ArchiveManifest.TableEntry>();
            var fileEntries = new List<ArchiveManifest.FileEntry>();
            var filesWritten = new HashSet<string>(StringComparer.Ordinal);
            using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var table in tables)
                {
                    var newFiles = new List<string>();
                    tableEntries.Add(await WriteTableAsync(zip, connection, tx, table, spool.FullName, filesWritten, newFiles, ct));
                    // A zip takes one open entry at a time: the table's binary values wait in the spool folder until its entry is closed.
                    foreach (var sha in newFiles)
                    {
                        var path = Path.Combine(spool.FullName, sha);
                        var entry = zip.CreateEntry($"files/{sha}", CompressionLevel.Fastest);
                        await using (var target = entry.Open())
                        await using (var source = File.OpenRead(path))
                            source.CopyTo(target);
                        fileEntries.Add(new($"files/{sha}", new FileInfo(path).Length, sha));
                        File.Delete(path);
                    }
                }
                // Ticket attachments live in the attachment store, not in a table: each one the tickets name goes in as files/<sha256> too.
                foreach (var sha in await AttachmentHashesAsync(db, connection, tx, ct))
                {
                    if (filesWritten.Contains(sha) || attachments.OpenRead(sha) is not { } source) continue;
                    filesWritten.Add(sha);
                    var entry = zip.CreateEntry($"files/{sha}", CompressionLevel.Fastest);
                    await using (var target = entry.Open())
                    await using (source) await source.CopyToAsync(target, ct);
                    fileEntries.Add(new($"files/{sha}", new FileInfo(attachments.PathOf(sha)).Length, sha));
                }
                var manifest = new ArchiveManifest(ArchiveManifest.FormatName, ArchiveManifest.CurrentVersion, schema, createdAt, tableEntries, fileEntries);
                await using (var stream = zip.CreateEntry(ArchiveManifest.EntryName, CompressionLevel.Fastest).Open())
                    JsonSerializer.Serialize(stream, manifest, ArchiveManifest.Json);
                await tx.CommitAsync(ct);
                return manifest;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
            spool.Delete(recursive: true);
        }
    }

    private static async Task<ArchiveManifest.TableEntry> WriteTableAsync(ZipArchive zip, DbConnection connection, DbTransaction tx, ArchiveTable table,
        string spool, HashSet<string> filesWritten, List<string> newFiles, CancellationToken ct)
    {
        var postgres = connection is not SqliteConnection;
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        var order = table.Key.Select(k =>
            // PostgreSQL sorts text by the database's locale; the archive's order must not depend on it.
            postgres && table.Columns.First(c => c.Name == k).StoredType == typeof(string) ? $"{Quote(k)} COLLATE \"C\"" : Quote(k));
        command.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => Quote(c.Name)))} FROM {Quote(table.Name)} ORDER BY {string.Join(", ", order)}";

        var entry = zip.CreateEntry(table.FileName, CompressionLevel.Fastest);
        await using var entryStream = entry.Open();
        await using var pipe = new ChunkPipe(entryStream);
        var buffer = new ArrayBufferWriter<byte>(ChunkBytes * 2);
        await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        var names = table.Columns.Select(c => JsonEncodedText.Encode(c.Name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)).ToArray();
        var types = table.Columns.Select(c => c.StoredType).ToArray();
        long rows = 0;

        // Each line ends here; full chunks go to the compressing thread.
        async ValueTask EndRowAsync()
        {
            json.WriteEndObject();
            json.Flush();
            buffer.Write("\n"u8);
            json.Reset(buffer);
            rows++;
            if (buffer.WrittenCount < ChunkBytes) return;
            await pipe.WriteAsync(buffer.WrittenMemory, ct);
            buffer.ResetWrittenCount();
        }

        if (connection is SqliteConnection sqlite)
        {
            using var statement = SqliteRows.Prepare(sqlite, command.CommandText);
            while (SqliteRows.Step(sqlite, statement))
            {
                json.WriteStartObject();
                for (var i = 0; i < types.Length; i++)
                {
                    json.WritePropertyName(names[i]);
                    if (SqliteRows.IsNull(statement, i)) json.WriteNullValue();
                    else if (types[i] == typeof(byte[])) WriteFile(json, SqliteRows.Blob(statement, i), spool, filesWritten, newFiles);
                    else SqliteRows.Write(json, statement, i, types[i]);
                }
                await EndRowAsync();
            }
        }
        else
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                json.WriteStartObject();
                for (var i = 0; i < types.Length; i++)
                {
                    json.WritePropertyName(names[i]);
                    if (reader.IsDBNull(i)) json.WriteNullValue();
                    else if (types[i] == typeof(byte[])) WriteFile(json, reader.GetFieldValue<byte[]>(i), spool, filesWritten, newFiles);
                    else CanonicalValues.Write(json, reader, i, types[i]);
                }
                await EndRowAsync();
            }
        }
        await pipe.WriteAsync(buffer.WrittenMemory, ct);
        return new(table.Name, table.FileName, rows, await pipe.CompleteAsync());
    }

    private static void WriteFile(Utf8JsonWriter json, byte[] content, string spool, HashSet<string> filesWritten, List<string> newFiles)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        if (filesWritten.Add(sha))
        {
            File.WriteAllBytes(Path.Combine(spool, sha), content);
            newFiles.Add(sha);
        }
        json.WriteStartObject();
        json.WriteString(FileReference, sha);
        json.WriteEndObject();
    }

    /// <summary>The property that marks a binary value in a row: <c>{"$file": "&lt;sha256&gt;"}</c>.</summary>
    public const string FileReference = "$file";

    /// <summary>The content hashes the ticket attachments name, read in the export's (or import's) transaction.</summary>
    internal static async Task<List<string>> AttachmentHashesAsync(AppDb db, DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(Support.TicketAttachment))!;
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"SELECT DISTINCT {Quote(entity.FindProperty(nameof(Support.TicketAttachment.Sha256))!.GetColumnName())} FROM {Quote(entity.GetTableName()!)}";
        var hashes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) hashes.Add(reader.GetString(0));
        hashes.Sort(StringComparer.Ordinal);
        return hashes;
    }

    internal static async Task<List<int>> SchemaVersionsAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) versions.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        return versions;
    }

    internal static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
