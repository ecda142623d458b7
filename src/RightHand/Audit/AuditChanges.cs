using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;

namespace RightHand.Audit;

/// <summary>One changed field of an audit entry as people read it: sealed personal values opened, or shown as erased.</summary>
internal sealed record AuditChangeLine(string Field, string? Old, string? New);

/// <summary>Reads the changes of audit entries for display and for a member's data export.</summary>
internal static partial class AuditChanges
{
    /// <summary>The data keys needed to open the sealed values in <paramref name="entries"/>; erased owners have none.</summary>
    public static async Task<IReadOnlyDictionary<Guid, byte[]>> KeysForAsync(AppDb db, IEnumerable<AuditEntry> entries, CancellationToken ct = default)
    {
        var owners = entries.SelectMany(e => SealedOwner().Matches(e.Changes)).Select(m => Guid.ParseExact(m.Groups[1].Value, "N")).Distinct().ToList();
        if (owners.Count == 0) return new Dictionary<Guid, byte[]>();
        return (await db.MemberKeys.AsNoTracking().Where(k => owners.Contains(k.MemberId)).ToListAsync(ct)).ToDictionary(k => k.MemberId, k => k.KeyBytes);
    }

    public static IReadOnlyList<AuditChangeLine> Read(string changes, IReadOnlyDictionary<Guid, byte[]> keys)
    {
        using var doc = JsonDocument.Parse(changes);
        return doc.RootElement.EnumerateObject().Select(p => new AuditChangeLine(p.Name,
            PersonalData.Reveal(Text(p.Value, "Old"), keys), PersonalData.Reveal(Text(p.Value, "New"), keys))).ToList();
    }

    private static string? Text(JsonElement change, string name) =>
        change.ValueKind == JsonValueKind.Object && change.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : null;

    [GeneratedRegex("enc:v1:([0-9a-f]{32}):")]
    private static partial Regex SealedOwner();
}
