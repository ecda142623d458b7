using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RightHand.Members.Privacy;
using RightHand.Platform.Database;

namespace RightHand.Audit;

/// <summary>
/// Writes the audit trail as part of every save: it turns the change tracker's added, modified and
/// deleted entities (and any events recorded with <see cref="Record"/>) into chained
/// <see cref="AuditEntry"/> rows inside the same transaction as the change itself. Values of fields marked
/// <c>IsPersonalData()</c> are sealed under their owner's data key first (<see cref="PersonalData"/>), so that
/// erasing a member can make them unreadable without breaking the chain.
/// </summary>
internal sealed class AuditRecorder(AuditActorAccessor actors, TimeProvider clock)
{
    public const string SecretAnnotation = "RightHand:AuditSecret";
    public const string NotAuditedAnnotation = "RightHand:NotAudited";
    private const string Redacted = "(hidden)";

    private readonly List<PendingEntry> events = [];
    private readonly HashSet<Guid> erasing = [];

    /// <summary>Records an event that is not a plain data change (sign-in, revocation, …); written with the next save.</summary>
    public void Record(string action, string module, string entityType, string entityId, IReadOnlyDictionary<string, string?>? details = null) =>
        events.Add(new PendingEntry(action, module, entityType, entityId,
            details is null ? "{}" : JsonSerializer.Serialize(details.ToDictionary(d => d.Key, d => (object?)new Change(null, d.Value)), JsonOptions)));

    /// <summary>
    /// The owner's personal data is being erased in the next save: their values in its entries are written as erased,
    /// neither sealed nor plain, and no new data key is made for them.
    /// </summary>
    public void Erasing(Guid owner) => erasing.Add(owner);

    public async Task<int> SaveWithAuditAsync(AppDb db, Func<Task<int>> save, CancellationToken ct)
    {
        var collected = Collect(db.ChangeTracker);
        if (collected.Count == 0 && events.Count == 0) return await save();

        var ownTransaction = db.Database.CurrentTransaction is null;
        await using var transaction = ownTransaction ? await db.Database.BeginTransactionAsync(ct) : null;
        // The chain needs one writer at a time: PostgreSQL serialises on an advisory lock held to the
        // end of the transaction; SQLite's transactions already take the write lock when they begin.
        // Under the same lock two saves cannot both create a data key for the same member.
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7201)", ct);
        var pending = await SealPersonalDataAsync(db, collected, ct);
        pending.AddRange(events);
        events.Clear();

        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Seq)
            .Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(ct);
        var seq = last?.Seq ?? 0;
        var previous = last?.Hash ?? AuditChain.Genesis;
        var actor = actors.Current;
        // PostgreSQL keeps whole microseconds; hashing the finer clock value would break the chain
        // as soon as the entry is read back, so the time is cut to what every engine stores.
        var now = clock.GetUtcNow().UtcDateTime;
        var at = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        foreach (var p in pending)
        {
            var entry = new AuditEntry
            {
                Seq = ++seq, At = at, ActorPersonId = actor.PersonId, ActorTokenId = actor.TokenId, ActorName = actor.Name,
                Action = p.Action, Module = p.Module, EntityType = p.EntityType, EntityId = p.EntityId, Changes = p.Changes,
                PreviousHash = previous, Hash = "",
            };
            entry.Hash = AuditChain.ComputeHash(entry);
            previous = entry.Hash;
            db.AuditEntries.Add(entry);
        }

        var written = await save();
        if (transaction is not null) await transaction.CommitAsync(ct);
        return written;
    }

    private static List<CollectedChange> Collect(ChangeTracker tracker)
    {
        tracker.DetectChanges();
        var result = new List<CollectedChange>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is AuditEntry || entry.Metadata.FindAnnotation(NotAuditedAnnotation) is not null) continue;

            var changes = new SortedDictionary<string, Change>(StringComparer.Ordinal);
            var personal = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in entry.Properties)
            {
                var meta = property.Metadata;
                if (meta.FindAnnotation(NotAuditedAnnotation) is not null) continue;
                var secret = meta.FindAnnotation(SecretAnnotation) is not null;
                if (!secret && meta.FindAnnotation(PersonalData.PropertyAnnotation) is not null) personal.Add(meta.Name);
                switch (entry.State)
                {
                    case EntityState.Added when property.CurrentValue is not null:
                        changes[meta.Name] = new Change(null, secret ? Redacted : Format(property.CurrentValue));
                        break;
                    case EntityState.Deleted:
                        changes[meta.Name] = new Change(secret ? Redacted : Format(property.OriginalValue), null);
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        changes[meta.Name] = secret ? new Change(Redacted, Redacted) : new Change(Format(property.OriginalValue), Format(property.CurrentValue));
                        break;
                }
            }
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;

            var action = entry.State switch { EntityState.Added => "created", EntityState.Deleted => "deleted", _ => "updated" };
            var key = entry.Metadata.FindPrimaryKey()!.Properties
                .Select(p => new KeyPart(Format(entry.Property(p.Name).CurrentValue), personal.Contains(p.Name))).ToList();
            var owner = entry.Metadata.FindAnnotation(PersonalData.OwnerAnnotation)?.Value is string ownerProperty
                && entry.Property(ownerProperty).CurrentValue is Guid id ? id : (Guid?)null;
            result.Add(new CollectedChange(action, ModuleOf(entry.Metadata.ClrType), entry.Metadata.ClrType.Name, key, changes, personal, owner));
        }
        return result;
    }

    /// <summary>
    /// Seals the personal values of each change under its owner's data key, creating the key on first use. When the
    /// key is being deleted in this very save (an erasure), the values are written as erased instead.
    /// </summary>
    private async Task<List<PendingEntry>> SealPersonalDataAsync(AppDb db, List<CollectedChange> collected, CancellationToken ct)
    {
        var owners = collected.Where(c => c.Personal.Count > 0 && c.Owner is not null).Select(c => c.Owner!.Value).ToHashSet();
        var keys = new Dictionary<Guid, byte[]>();
        var erased = new HashSet<Guid>(erasing);
        erasing.Clear();
        if (owners.Count > 0)
        {
            foreach (var tracked in db.ChangeTracker.Entries<MemberKey>().Where(k => owners.Contains(k.Entity.MemberId)))
                if (tracked.State == EntityState.Deleted) erased.Add(tracked.Entity.MemberId);
                else keys[tracked.Entity.MemberId] = tracked.Entity.KeyBytes;
            var missing = owners.Where(o => !keys.ContainsKey(o) && !erased.Contains(o)).ToList();
            if (missing.Count > 0)
                foreach (var stored in await db.MemberKeys.AsNoTracking().Where(k => missing.Contains(k.MemberId)).ToListAsync(ct))
                    keys[stored.MemberId] = stored.KeyBytes;
            foreach (var owner in missing.Where(o => !keys.ContainsKey(o)))
            {
                var key = PersonalData.NewKey();
                db.MemberKeys.Add(new MemberKey { MemberId = owner, Key = Convert.ToBase64String(key), CreatedAt = clock.GetUtcNow().UtcDateTime });
                keys[owner] = key;
            }
        }

        return collected.Select(c =>
        {
            string? Protect(string? value) => value is null || c.Owner is not { } owner ? value
                : erased.Contains(owner) ? PersonalData.Erased : PersonalData.Seal(keys[owner], owner, value);
            string ProtectKeyPart(KeyPart part) => part.Text is null || !part.Personal || c.Owner is not { } owner ? part.Text ?? ""
                : erased.Contains(owner) ? "#erased" : PersonalData.Fingerprint(keys[owner], part.Text);

            var changes = c.Personal.Count == 0 ? c.Changes : new SortedDictionary<string, Change>(
                c.Changes.ToDictionary(p => p.Key, p => c.Personal.Contains(p.Key) ? new Change(Protect(p.Value.Old), Protect(p.Value.New)) : p.Value),
                StringComparer.Ordinal);
            return new PendingEntry(c.Action, c.Module, c.EntityType, string.Join('/', c.Key.Select(ProtectKeyPart)), JsonSerializer.Serialize(changes, JsonOptions));
        }).ToList();
    }

    /// <summary>The module is the feature folder: RightHand.Access.Person → Access.</summary>
    public static string ModuleOf(Type type) => type.Namespace?.Split('.') is [_, var module, ..] ? module : "Platform";

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static readonly JsonSerializerOptions JsonOptions = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never };

    private sealed record PendingEntry(string Action, string Module, string EntityType, string EntityId, string Changes);

    private sealed record KeyPart(string? Text, bool Personal);

    private sealed record CollectedChange(string Action, string Module, string EntityType, IReadOnlyList<KeyPart> Key,
        SortedDictionary<string, Change> Changes, HashSet<string> Personal, Guid? Owner);

    internal sealed record Change(string? Old, string? New);
}

internal static class AuditModelExtensions
{
    /// <summary>The field's values never enter the audit trail; that it changed does.</summary>
    public static PropertyBuilder<T> IsAuditSecret<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(AuditRecorder.SecretAnnotation, true);

    /// <summary>Changes to the field are bookkeeping (a last-seen time, a lease) and are left out of the trail.</summary>
    public static PropertyBuilder<T> IsNotAudited<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(AuditRecorder.NotAuditedAnnotation, true);

    /// <summary>The entity is operational state (job leases, key rings); the operations that matter are audited explicitly.</summary>
    public static EntityTypeBuilder<T> IsNotAudited<T>(this EntityTypeBuilder<T> entity) where T : class =>
        entity.HasAnnotation(AuditRecorder.NotAuditedAnnotation, true);
}
