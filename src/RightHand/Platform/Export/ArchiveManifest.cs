using System.Text.Json;
using System.Text.Json.Serialization;

namespace RightHand.Platform.Export;

/// <summary>
/// <c>manifest.json</c>: what the archive is (format and version), which schema it was written by
/// (the applied migration versions), and for every table and file its entry name, size and SHA-256,
/// so an import can check everything before it changes anything.
/// </summary>
internal sealed record ArchiveManifest(
    string Format,
    int FormatVersion,
    IReadOnlyList<int> SchemaVersions,
    string CreatedAt,
    IReadOnlyList<ArchiveManifest.TableEntry> Tables,
    IReadOnlyList<ArchiveManifest.FileEntry> Files)
{
    public const string FormatName = "righthand-export";
    public const int CurrentVersion = 1;
    public const string EntryName = "manifest.json";

    public sealed record TableEntry(string Name, string File, long Rows, string Sha256);

    public sealed record FileEntry(string File, long Bytes, string Sha256);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
