using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using RightHand.Audit;
using RightHand.Platform.Database;

namespace RightHand.Members.Privacy;

/// <summary>
/// Everything stored about one member (GDPR Art. 15) as a ZIP: <c>member.json</c>, one file per table that
/// refers to the member (found in the model by a <c>MemberId</c> property, so later modules' tables are included
/// without being listed here), <c>audit.json</c> with the trail's entries about them (sealed values opened), and
/// <c>summary.html</c>, a readable account in the member's language. Staff download it from the member page; the
/// portal lets members download their own.
/// </summary>
internal sealed class MemberDataExport(AppDb db, TimeProvider clock, MemberDataSummary summary)
{
    private const string MemberIdProperty = "MemberId";

    /// <summary>Records the export in the audit trail and writes the archive to <paramref name="zip"/> (left open). False: no such member.</summary>
    public async Task<bool> WriteAsync(Guid memberId, Stream zip, CancellationToken ct = default)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return false;
        db.Audit.Record("member_data_exported", "Members", nameof(Member), memberId.ToString(), new Dictionary<string, string?> { ["Number"] = member.Number });
        await db.SaveChangesAsync(ct);

        var files = new List<ExportFile> { new("member.json", 1, Json(Row(db.Model.FindEntityType(typeof(Member))!, member))) };
        var related = new List<string> { memberId.ToString() };
        var fieldNames = await db.CustomFields.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        foreach (var type in MemberTables())
        {
            var rows = await RowsAsync(type, memberId, ct);
            if (rows.Count == 0) continue;
            var dtos = rows.Select(r => Row(type, r)).ToList();
            // A custom value means little without the name of its field.
            if (type.ClrType == typeof(CustomFieldValue))
                foreach (var (dto, row) in dtos.Zip(rows)) dto["Field"] = fieldNames.GetValueOrDefault(((CustomFieldValue)row).FieldId);
            if (type.FindPrimaryKey()?.Properties is [{ ClrType: var idType } id] && idType == typeof(Guid))
                related.AddRange(rows.Select(r => id.GetGetter().GetClrValue(r)?.ToString() ?? ""));
            files.Add(new ExportFile($"tables/{type.GetTableName()}.json", rows.Count, Json(dtos)));
        }
        var trail = await AuditAboutAsync(memberId, related, ct);
        files.Add(new ExportFile("audit.json", trail.Count, Json(trail)));

        // Built in memory and copied asynchronously: one member's data is small, and the server refuses synchronous writes.
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files) await AddAsync(archive, file.Name, file.Content, ct);
            await AddAsync(archive, "summary.html", summary.Html(member, files.Select(f => (f.Name, f.Rows)).ToList(), clock.GetUtcNow().UtcDateTime), ct);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(zip, ct);
        return true;
    }

    /// <summary>Every table with a member id, except the member's data key, which would unseal the trail for whoever holds the file.</summary>
    private IEnumerable<IEntityType> MemberTables() => db.Model.GetEntityTypes()
        .Where(t => t.GetTableName() is not null && t.ClrType != typeof(MemberKey)
            && t.FindProperty(MemberIdProperty)?.ClrType is { } c && (c == typeof(Guid) || c == typeof(Guid?)))
        .OrderBy(t => t.GetTableName(), StringComparer.Ordinal);

    private async Task<List<object>> RowsAsync(IEntityType type, Guid memberId, CancellationToken ct)
    {
        var nullable = type.FindProperty(MemberIdProperty)!.ClrType == typeof(Guid?);
        var method = typeof(MemberDataExport).GetMethod(nameof(RowsOfAsync), BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(type.ClrType);
        return await (Task<List<object>>)method.Invoke(this, [memberId, nullable, ct])!;
    }

    private async Task<List<object>> RowsOfAsync<T>(Guid memberId, bool nullable, CancellationToken ct) where T : class
    {
        var query = db.Set<T>().AsNoTracking();
        query = nullable ? query.Where(e => EF.Property<Guid?>(e, MemberIdProperty) == memberId) : query.Where(e => EF.Property<Guid>(e, MemberIdProperty) == memberId);
        return [.. await query.ToListAsync(ct)];
    }

    /// <summary>A row as field → value; fields whose values the trail keeps secret (mail bodies with live links) are left out here too.</summary>
    private static Dictionary<string, object?> Row(IEntityType type, object entity) => type.GetProperties()
        .Where(p => p.FindAnnotation(AuditRecorder.SecretAnnotation) is null)
        .ToDictionary(p => p.Name, p => p.GetGetter().GetClrValue(entity));

    /// <summary>The trail's entries about the member: the member record, rows keyed by the member, rows of theirs, and any entry holding their sealed values.</summary>
    private async Task<List<object>> AuditAboutAsync(Guid memberId, List<string> related, CancellationToken ct)
    {
        var prefix = memberId + "/";
        var sealedMarker = $"enc:v1:{memberId:N}:";
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => related.Contains(e.EntityId) || e.EntityId.StartsWith(prefix) || e.Changes.Contains(sealedMarker))
            .OrderBy(e => e.Seq).ToListAsync(ct);
        var keys = await AuditChanges.KeysForAsync(db, entries, ct);
        return entries.Select(e => (object)new
        {
            e.Seq, e.At, Actor = e.ActorName, e.Action, e.Module, e.EntityType, e.EntityId,
            Changes = AuditChanges.Read(e.Changes, keys).ToDictionary(c => c.Field, c => new { c.Old, c.New }),
        }).ToList();
    }

    private static async Task AddAsync(ZipArchive archive, string name, string content, CancellationToken ct)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(ct);
        await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
        await writer.WriteAsync(content.AsMemory(), ct);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record ExportFile(string Name, int Rows, string Content);
}
