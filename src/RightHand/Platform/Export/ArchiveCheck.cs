using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace RightHand.Platform.Export;

/// <summary>
/// Everything an import checks before it touches the database: a zip, our manifest and format
/// version, the same schema as this app, and every listed entry present with its checksum, row count
/// and only known columns. Each finding is one sentence naming the entry and what is wrong.
/// </summary>
internal static class ArchiveCheck
{
    public static string? Problem(ZipArchive zip, ArchiveManifest? manifest, IReadOnlyList<int> schemaVersions, IReadOnlyList<ArchiveTable> tables)
    {
        if (manifest is null) return "not a RightHand export: manifest.json missing";
        if (manifest.Format != ArchiveManifest.FormatName) return $"not a RightHand export: manifest.json names the format '{manifest.Format}'";
        if (manifest.FormatVersion != ArchiveManifest.CurrentVersion)
            return $"export format version {manifest.FormatVersion} is not supported (this app reads version {ArchiveManifest.CurrentVersion})";
        if (manifest.Tables is null || manifest.Files is null || manifest.SchemaVersions is null) return "manifest.json is incomplete: it needs schemaVersions, tables and files";
        if (!manifest.SchemaVersions.SequenceEqual(schemaVersions))
            return $"the export was written by schema version {Versions(manifest.SchemaVersions)}, this instance has {Versions(schemaVersions)}; restore with the same RightHand version";

        var known = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var listed in manifest.Tables)
            if (!known.ContainsKey(listed.Name)) return $"{listed.File}: unknown table '{listed.Name}'";
        foreach (var table in tables)
            if (!manifest.Tables.Any(t => t.Name == table.Name && t.File == table.FileName)) return $"{table.FileName}: not listed in the manifest";

        var files = manifest.Files.ToDictionary(f => f.Sha256, StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            var entry = zip.GetEntry(file.File);
            if (entry is null || file.File != $"files/{file.Sha256}") return $"{file.File}: missing from the archive";
            using var stream = entry.Open();
            if (Convert.ToHexStringLower(SHA256.HashData(stream)) != file.Sha256) return $"{file.File}: checksum does not match the manifest";
        }
        foreach (var listed in manifest.Tables)
            if (TableProblem(zip, listed, known[listed.Name], files) is { } problem) return problem;
        return null;
    }

    private static string? TableProblem(ZipArchive zip, ArchiveManifest.TableEntry listed, ArchiveTable table, Dictionary<string, ArchiveManifest.FileEntry> files)
    {
        var entry = zip.GetEntry(listed.File);
        if (entry is null) return $"{listed.File}: missing from the archive";
        // First the checksum over the raw bytes: a damaged file is reported as damaged, not as whatever its content now says.
        using (var raw = entry.Open())
            if (Convert.ToHexStringLower(SHA256.HashData(raw)) != listed.Sha256) return $"{listed.File}: checksum does not match the manifest";

        var columns = table.Columns.ToDictionary(c => c.Name, c => c.StoredType, StringComparer.Ordinal);
        long rows = 0;
        using var reader = new StreamReader(entry.Open());
        while (reader.ReadLine() is { } line)
        {
            rows++;
            using var row = JsonDocument.Parse(line);
            foreach (var property in row.RootElement.EnumerateObject())
            {
                if (!columns.TryGetValue(property.Name, out var type)) return $"{listed.File}: unknown column '{property.Name}'";
                if (!CanonicalValues.Fits(property.Value, type)) return $"{listed.File}, row {rows}: '{property.Name}' does not hold a {type.Name}";
                if (property.Value.ValueKind == JsonValueKind.Object
                    && (!property.Value.TryGetProperty(FullExport.FileReference, out var sha) || sha.GetString() is not { } hash || !files.ContainsKey(hash)))
                    return $"{listed.File}, row {rows}: '{property.Name}' refers to a file the manifest does not list";
            }
        }
        return rows == listed.Rows ? null : $"{listed.File}: {rows} rows, the manifest says {listed.Rows}";
    }

    private static string Versions(IReadOnlyList<int> versions) => versions.Count == 0 ? "(none)" : string.Join(", ", versions);
}
