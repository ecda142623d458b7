using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;

namespace RightHand.Audit;

/// <summary>The SHA-256 chain over the audit trail: how an entry's hash is computed and how the whole trail is checked.</summary>
internal static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static string ComputeHash(AuditEntry e)
    {
        // Fields joined with a separator that cannot occur unescaped; the order is part of the format.
        var canonical = string.Join('\u001f',
            e.Seq.ToString(CultureInfo.InvariantCulture),
            e.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            e.ActorPersonId?.ToString() ?? "",
            e.ActorTokenId?.ToString() ?? "",
            e.ActorName, e.Action, e.Module, e.EntityType, e.EntityId, e.Changes, e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Walks the trail in order. Returns the number of entries, or the first entry that is broken and why.</summary>
    public static async Task<AuditVerification> Verify(AppDb db, CancellationToken ct)
    {
        var expectedPrevious = Genesis;
        long expectedSeq = 1;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (entry.Seq != expectedSeq)
                return AuditVerification.Broken(expectedSeq, $"entry {expectedSeq} is missing (next is {entry.Seq})", expectedSeq - 1);
            if (entry.PreviousHash != expectedPrevious)
                return AuditVerification.Broken(entry.Seq, "its link to the previous entry does not match", expectedSeq - 1);
            if (ComputeHash(entry) != entry.Hash)
                return AuditVerification.Broken(entry.Seq, "its content was changed after it was written", expectedSeq - 1);
            expectedPrevious = entry.Hash;
            expectedSeq++;
        }
        return new AuditVerification(true, expectedSeq - 1, null, null);
    }
}

internal sealed record AuditVerification(bool Intact, long Entries, long? BrokenSeq, string? Reason)
{
    public static AuditVerification Broken(long seq, string reason, long intactBefore) => new(false, intactBefore, seq, reason);
}
