using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Formats.Csv;
using RightHand.Platform.Database;

namespace RightHand.Members.Api;

/// <summary>The batch's answer: either every item's result, or every refused item and nothing written.</summary>
internal sealed record BatchOutcome(IReadOnlyList<BatchItemError> Errors, MemberBatchResult? Result)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Creates and changes members in bulk for the sync API, all or nothing: every item is checked in memory first
/// (the shared <see cref="MemberChecks"/>), the members concerned are fetched by number and e-mail in chunks, and
/// one save in one transaction writes all of it with its member events. PUT of one member is a batch of one.
/// </summary>
internal sealed class MemberBatch(AppDb db, MemberRegister register, TimeProvider clock, IStringLocalizer<Texts> l)
{
    public const int MaxItems = 10_000;
    private const int Chunk = 1000;

    private sealed record Planned(int Index, string? Number, Member? Existing, MemberDraft Draft, List<string>? Tags, Dictionary<Guid, string?>? Custom);

    public async Task<BatchOutcome> UpsertAsync(IReadOnlyList<MemberUpsert?> items, Guid? by, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // As MemberRegister.CreateAsync: one writer of new numbers at a time (advisory lock on PostgreSQL, the write lock on SQLite),
        // taken before the members are read so that the checks still hold when the save comes.
        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7210)", ct);

        var (byNumber, byEmail) = await ExistingAsync(items, ct);
        var plans = await db.MembershipPlans.AsNoTracking().ToDictionaryAsync(p => p.Name, p => p.Id, StringComparer.Ordinal, ct);
        var fields = await db.CustomFields.AsNoTracking().ToDictionaryAsync(f => f.Name, StringComparer.Ordinal, ct);
        var errors = new List<BatchItemError>();
        var planned = new List<Planned>(items.Count);
        var seenNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenEmails = new Dictionary<string, int>(StringComparer.Ordinal);
        var today = DateOnly.FromDateTime(now);

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item is null)
            {
                errors.Add(new BatchItemError(i, null, null, "item", l["Item: send each member as an object."]));
                continue;
            }
            var number = Clean(item.Number);
            var emailKey = Clean(item.Email)?.ToLowerInvariant();
            var before = errors.Count;
            void Fail(string field, string reason) => errors.Add(new BatchItemError(i, number, item.Email, field, reason));

            if (number is not null && !IsValidNumber(number)) Fail("number", l["Number: at most 40 letters, digits, hyphens, underscores or dots."]);
            if (number is not null && !seenNumbers.TryAdd(number, i)) Fail("number", l["Number: item {0} of the batch has this number already.", seenNumbers[number]]);
            if (emailKey is not null && !seenEmails.TryAdd(emailKey, i)) Fail("email", l["E-mail: item {0} of the batch has this address already.", seenEmails[emailKey]]);
            var existing = number is not null ? byNumber.GetValueOrDefault(number) : emailKey is null ? null : byEmail.GetValueOrDefault(emailKey);
            if (emailKey is not null && byEmail.TryGetValue(emailKey, out var holder) && holder != existing)
                Fail("email", l["E-mail: another member has this address already."]);
            // An erased member's number stays taken (retained records name it), but the record takes no new data.
            if (existing?.ErasedAt is not null) Fail("number", l["This member's personal data has been erased; the record can no longer be changed."]);

            var status = existing?.Status ?? MemberStatus.Prospect;
            // An unknown status becomes an undefined value, which the shared checks refuse with their own words.
            if (item.Status is not null) status = MemberSync.ParseStatus(item.Status) ?? (MemberStatus)(-1);
            var planId = existing?.PlanId;
            if (item.Plan is not null)
            {
                if (item.Plan.Trim().Length == 0) planId = null;
                else if (plans.TryGetValue(item.Plan.Trim(), out var plan)) planId = plan;
                else Fail("plan", l["Plan: choose one of the plans."]);
            }
            var custom = item.Custom is null ? null : CheckCustom(item.Custom, fields, Fail);
            var tags = item.Tags is null ? null : MemberRegister.Tags(string.Join(',', item.Tags));
            var draft = new MemberDraft(item.Salutation, item.FirstName, item.LastName, item.Company, item.Email, item.Phone,
                item.Language ?? existing?.Language ?? "de", item.Street, item.Postcode, item.City, item.Country, item.DateOfBirth, planId, existing?.Notes,
                tags is null ? null : string.Join(',', tags), status);
            foreach (var problem in MemberChecks.Check(draft, today, l)) Fail(ApiField(problem.Field), problem.Message);
            if (errors.Count == before) planned.Add(new Planned(i, number, existing, draft, tags, custom));
        }
        if (errors.Count > 0) return new BatchOutcome(errors, null);

        var results = await WriteAsync(planned, by, now, ct);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return new BatchOutcome([], new MemberBatchResult(
            results.Count(r => r.Result == Outcome(UpsertOutcome.Created)), results.Count(r => r.Result == Outcome(UpsertOutcome.Updated)),
            results.Count(r => r.Result == Outcome(UpsertOutcome.Unchanged)), results));
    }

    private async Task<(Dictionary<string, Member> ByNumber, Dictionary<string, Member> ByEmail)> ExistingAsync(IReadOnlyList<MemberUpsert?> items, CancellationToken ct)
    {
        var byNumber = new Dictionary<string, Member>(StringComparer.Ordinal);
        var byEmail = new Dictionary<string, Member>(StringComparer.Ordinal);
        var numbers = items.Select(i => Clean(i?.Number)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var emails = items.Select(i => Clean(i?.Email)?.ToLowerInvariant()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in numbers.Chunk(Chunk))
            foreach (var m in await db.Members.Where(m => chunk.Contains(m.Number)).ToListAsync(ct)) byNumber[m.Number] = m;
        foreach (var chunk in emails.Chunk(Chunk))
            foreach (var m in await db.Members.Where(m => chunk.Contains(m.EmailKey)).ToListAsync(ct)) byEmail[m.EmailKey] = m;
        return (byNumber, byEmail);
    }

    /// <summary>Custom values by field name in stored form (null: remove); unknown fields and values that do not fit are refused.</summary>
    private Dictionary<Guid, string?> CheckCustom(IReadOnlyDictionary<string, string?> typed, Dictionary<string, CustomField> fields, Action<string, string> fail)
    {
        var values = new Dictionary<Guid, string?>();
        foreach (var (name, raw) in typed)
        {
            if (!fields.TryGetValue(name, out var field))
            {
                fail("custom." + name, l["{0}: there is no custom field of this name.", name]);
                continue;
            }
            var text = raw?.Trim() ?? "";
            var stored = text.Length == 0 ? null : CustomValues.Normalize(field, text);
            if (text.Length > 0 && stored is null) fail("custom." + name, field.Kind switch
            {
                CustomFieldKind.Number => l["{0}: enter a number.", field.Name],
                CustomFieldKind.Date => l["{0}: enter a date.", field.Name],
                CustomFieldKind.Choice => l["{0}: choose one of the options.", field.Name],
                _ => l["{0}: at most {1} characters.", field.Name, 1000],
            });
            values[field.Id] = stored;
        }
        return values;
    }

    private async Task<List<BatchItemResult>> WriteAsync(List<Planned> planned, Guid? by, DateTime now, CancellationToken ct)
    {
        var prefix = await register.NumberPrefixAsync(ct);
        // Numbers start above 10000, as the register's.
        var last = await db.Members.MaxAsync(m => (long?)m.Sequence, ct) ?? 10000;
        // A new number of the form prefix + digits beyond the last keeps those digits as its sequence, so the register's
        // next number lies beyond it and never repeats it; any other given number just takes the next sequence.
        var claimed = planned.Where(p => p.Existing is null && p.Number is not null).Select(p => SequenceIn(p.Number!, prefix)).OfType<long>().Where(s => s > last).ToHashSet();
        var next = Math.Max(last, claimed.Count == 0 ? last : claimed.Max());
        var (tags, custom) = await CurrentTagsAndCustomAsync(planned, ct);
        var results = new List<BatchItemResult>(planned.Count);

        foreach (var p in planned)
        {
            if (p.Existing is null)
            {
                var own = p.Number is null ? null : SequenceIn(p.Number, prefix);
                var sequence = own is { } s && claimed.Contains(s) ? s : ++next;
                var member = new Member
                {
                    Sequence = sequence, Number = p.Number ?? prefix + sequence.ToString(CultureInfo.InvariantCulture), LastName = "", Email = "", EmailKey = "",
                    Status = p.Draft.Status, StatusSince = now, CreatedAt = now,
                };
                register.Apply(member, p.Draft);
                db.Members.Add(member);
                db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = member.Id, To = p.Draft.Status, At = now, By = by });
                foreach (var tag in p.Tags ?? []) db.MemberTags.Add(MemberTag.Of(member, tag));
                SetCustom(member.Id, p.Custom, []);
                MemberEvents.Add(db, member, MemberEventKind.Created, now);
                results.Add(new BatchItemResult(p.Index, member.Number, Outcome(UpsertOutcome.Created)));
                continue;
            }
            var m = p.Existing;
            var updatedAt = m.UpdatedAt;
            register.Apply(m, p.Draft);
            var statusChanged = m.Status != p.Draft.Status;
            if (statusChanged)
            {
                db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = m.Id, From = m.Status, To = p.Draft.Status, At = now, By = by });
                (m.Status, m.StatusSince) = (p.Draft.Status, now);
            }
            var entry = db.Entry(m);
            entry.DetectChanges();
            var changed = entry.Properties.Any(x => x.IsModified && x.Metadata.Name != nameof(Member.UpdatedAt));
            changed |= SetTags(m, p.Tags, tags[m.Id].ToList());
            changed |= SetCustom(m.Id, p.Custom, custom[m.Id].ToDictionary(v => v.FieldId));
            if (!changed)
            {
                m.UpdatedAt = updatedAt;
                results.Add(new BatchItemResult(p.Index, m.Number, Outcome(UpsertOutcome.Unchanged)));
                continue;
            }
            MemberEvents.Add(db, m, statusChanged && m.Status == MemberStatus.Cancelled ? MemberEventKind.Cancelled : MemberEventKind.Updated, now);
            results.Add(new BatchItemResult(p.Index, m.Number, Outcome(UpsertOutcome.Updated)));
        }
        return results;
    }

    /// <summary>The current tags and custom values of the members whose tags or custom values the batch sets, fetched in chunks.</summary>
    private async Task<(ILookup<Guid, MemberTag> Tags, ILookup<Guid, CustomFieldValue> Custom)> CurrentTagsAndCustomAsync(List<Planned> planned, CancellationToken ct)
    {
        var tagged = planned.Where(p => p.Existing is not null && p.Tags is not null).Select(p => p.Existing!.Id).ToList();
        var customised = planned.Where(p => p.Existing is not null && p.Custom is not null).Select(p => p.Existing!.Id).ToList();
        var tags = new List<MemberTag>();
        var custom = new List<CustomFieldValue>();
        foreach (var chunk in tagged.Chunk(Chunk)) tags.AddRange(await db.MemberTags.Where(t => chunk.Contains(t.MemberId)).ToListAsync(ct));
        foreach (var chunk in customised.Chunk(Chunk)) custom.AddRange(await db.CustomFieldValues.Where(v => chunk.Contains(v.MemberId)).ToListAsync(ct));
        return (tags.ToLookup(t => t.MemberId), custom.ToLookup(v => v.MemberId));
    }

    private bool SetTags(Member member, List<string>? wanted, List<MemberTag> current)
    {
        if (wanted is null) return false;
        var removed = current.Where(t => !wanted.Contains(t.Tag, StringComparer.OrdinalIgnoreCase)).ToList();
        var added = wanted.Where(t => current.All(c => !string.Equals(c.Tag, t, StringComparison.OrdinalIgnoreCase))).ToList();
        db.MemberTags.RemoveRange(removed);
        foreach (var tag in added) db.MemberTags.Add(MemberTag.Of(member, tag));
        return removed.Count + added.Count > 0;
    }

    private bool SetCustom(Guid memberId, Dictionary<Guid, string?>? values, Dictionary<Guid, CustomFieldValue> current)
    {
        var changed = false;
        foreach (var (field, value) in values ?? [])
        {
            current.TryGetValue(field, out var existing);
            if (value is null) { if (existing is not null) { db.CustomFieldValues.Remove(existing); changed = true; } }
            else if (existing is null) { db.CustomFieldValues.Add(new CustomFieldValue { MemberId = memberId, FieldId = field, Value = value }); changed = true; }
            else if (existing.Value != value) { existing.Value = value; changed = true; }
        }
        return changed;
    }

    private static string Outcome(UpsertOutcome outcome) => outcome.ToString().ToLowerInvariant();

    /// <summary>The digits after the prefix when the number is exactly prefix + a sequence (no leading zero), else null.</summary>
    private static long? SequenceIn(string number, string prefix) =>
        number.StartsWith(prefix, StringComparison.Ordinal) && number[prefix.Length..] is { Length: > 0 and < 16 } digits && digits[0] != '0'
            && digits.All(char.IsAsciiDigit) ? long.Parse(digits, CultureInfo.InvariantCulture) : null;

    /// <summary>Numbers go into URLs and other systems' keys: letters, digits and separators that need no escaping, at most 40.</summary>
    public static bool IsValidNumber(string number) =>
        number.Length <= 40 && number.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>The API's name of a field of the shared checks (first_name → firstName).</summary>
    public static string ApiField(string column) =>
        string.Concat(column.Split('_').Select((part, i) => i == 0 || part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
