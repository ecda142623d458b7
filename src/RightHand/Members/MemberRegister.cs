using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Members;

/// <summary>
/// What staff enter about a member, as typed; the register checks and cleans it. Tags are comma-separated; custom
/// field values are by field id (null leaves them as they are, an empty value removes one).
/// </summary>
internal sealed record MemberDraft(string? Salutation, string? FirstName, string? LastName, string? Company, string? Email, string? Phone,
    string? Language, string? Street, string? Postcode, string? City, string? Country, string? DateOfBirth, Guid? PlanId, string? Notes, string? Tags,
    MemberStatus Status = MemberStatus.Prospect, IReadOnlyDictionary<string, string>? Custom = null);

/// <summary>
/// The member register: create and change members, their status, tags and consents, and the owner's settings
/// (number prefix, plans). Each operation checks all its input first and saves once, so bad input changes nothing.
/// </summary>
internal sealed class MemberRegister(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l)
{
    public const string PrefixSetting = "members.number_prefix";
    public const string DefaultPrefix = "M-";
    /// <summary>Numbers start above 10000 so they all have the same width for a long time.</summary>
    internal const long FirstSequence = 10001;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<string> NumberPrefixAsync(CancellationToken ct = default) =>
        (await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == PrefixSetting, ct))?.Value ?? DefaultPrefix;

    public async Task<(OperationResult Result, Member? Member)> CreateAsync(MemberDraft draft, Guid by, CancellationToken ct = default)
    {
        // Members are created one at a time, so two people saving at the same moment never draw the same number,
        // no number is skipped, and the e-mail check sees the other's new member. PostgreSQL waits on an advisory
        // lock held to the end of the transaction; SQLite's transactions take the write lock when they begin.
        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7210)", ct);
        var errors = await CheckAsync(draft, null, ct);
        var (customErrors, custom) = await CheckCustomAsync(draft.Custom, ct);
        errors.AddRange(customErrors);
        if (errors.Count > 0) return (OperationResult.Fail([.. errors]), null);
        var prefix = await NumberPrefixAsync(ct);
        var sequence = (await db.Members.MaxAsync(m => (long?)m.Sequence, ct) ?? FirstSequence - 1) + 1;
        var member = new Member
        {
            Sequence = sequence, Number = prefix + sequence.ToString(CultureInfo.InvariantCulture), LastName = "", Email = "", EmailKey = "",
            Status = draft.Status, StatusSince = Now, CreatedAt = Now,
        };
        Apply(member, draft);
        db.Members.Add(member);
        db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = member.Id, To = draft.Status, At = Now, By = by });
        foreach (var tag in Tags(draft.Tags)) db.MemberTags.Add(MemberTag.Of(member, tag));
        await SetCustomAsync(member.Id, custom, ct);
        MemberEvents.Add(db, member, MemberEventKind.Created, Now);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return (OperationResult.Ok, member);
    }

    public async Task<OperationResult> UpdateAsync(Guid memberId, MemberDraft draft, CancellationToken ct = default)
    {
        var member = await db.Members.FindAsync([memberId], ct);
        if (member is null) return OperationResult.Fail(l["This member does not exist."]);
        if (member.ErasedAt is not null) return OperationResult.Fail(l["This member's personal data has been erased; the record can no longer be changed."]);
        var errors = await CheckAsync(draft, memberId, ct);
        var (customErrors, custom) = await CheckCustomAsync(draft.Custom, ct);
        errors.AddRange(customErrors);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        var updatedAt = member.UpdatedAt;
        Apply(member, draft);
        await SetCustomAsync(memberId, custom, ct);
        var wanted = Tags(draft.Tags);
        var current = await db.MemberTags.Where(t => t.MemberId == memberId).ToListAsync(ct);
        db.MemberTags.RemoveRange(current.Where(t => !wanted.Contains(t.Tag)));
        foreach (var tag in wanted.Where(t => current.All(c => c.Tag != t))) db.MemberTags.Add(MemberTag.Of(member, tag));
        // Saving the form unchanged is no change: no audit entry, no "updated" event, no webhook to the platform.
        db.ChangeTracker.DetectChanges();
        var changed = db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Deleted
            || (e.State == EntityState.Modified && (e.Entity != member || e.Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(Member.UpdatedAt)))));
        if (!changed)
        {
            member.UpdatedAt = updatedAt;
            return OperationResult.Ok;
        }
        MemberEvents.Add(db, member, MemberEventKind.Updated, Now);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    public async Task<OperationResult> ChangeStatusAsync(Guid memberId, MemberStatus status, Guid by, CancellationToken ct = default)
    {
        var member = await db.Members.FindAsync([memberId], ct);
        if (member is null) return OperationResult.Fail(l["This member does not exist."]);
        if (member.ErasedAt is not null) return OperationResult.Fail(l["This member's personal data has been erased; the record can no longer be changed."]);
        if (!Enum.IsDefined(status)) return OperationResult.Fail(l["Status: choose prospect, active, paused or cancelled."]);
        if (member.Status == status) return OperationResult.Fail(l["Status: the member already has this status."]);
        db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = memberId, From = member.Status, To = status, At = Now, By = by });
        member.Status = status;
        member.StatusSince = member.UpdatedAt = Now;
        MemberEvents.Add(db, member, status == MemberStatus.Cancelled ? MemberEventKind.Cancelled : MemberEventKind.Updated, Now);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Staff record a consent the member gave or withdrew (by phone, on paper), with the wording version they agreed to.</summary>
    public async Task<OperationResult> RecordConsentAsync(Guid memberId, string? kind, bool granted, string? wordingVersion, Guid by, CancellationToken ct = default)
    {
        if (!await db.Members.AnyAsync(m => m.Id == memberId, ct)) return OperationResult.Fail(l["This member does not exist."]);
        if (await db.Members.AnyAsync(m => m.Id == memberId && m.ErasedAt != null, ct))
            return OperationResult.Fail(l["This member's personal data has been erased; the record can no longer be changed."]);
        var errors = new List<string>();
        kind = kind?.Trim().ToLowerInvariant() ?? "";
        wordingVersion = wordingVersion?.Trim() ?? "";
        if (kind.Length is 0 or > 60) errors.Add(l["Consent: name what it is for, e.g. newsletter (at most 60 characters)."]);
        if (wordingVersion.Length is 0 or > 40) errors.Add(l["Wording version: say which wording the member agreed to (at most 40 characters)."]);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        db.ConsentRecords.Add(new ConsentRecord { MemberId = memberId, Kind = kind, Granted = granted, At = Now, Source = "staff", WordingVersion = wordingVersion, RecordedBy = by });
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Saves the list's current filter under a name for this person; the same name again replaces the filter.</summary>
    public async Task<OperationResult> SaveViewAsync(Guid person, string? name, MemberFilter filter, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100) return OperationResult.Fail(l["View name: enter a name of at most 100 characters."]);
        var query = filter.ToQuery();
        var view = await db.SavedMemberViews.FirstOrDefaultAsync(v => v.PersonId == person && v.Name == name, ct);
        if (view is null) db.SavedMemberViews.Add(new SavedMemberView { PersonId = person, Name = name, Query = query, CreatedAt = Now });
        else view.Query = query;
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Deletes one of this person's saved views; another person's view is not theirs to delete.</summary>
    public async Task<OperationResult> DeleteViewAsync(Guid person, Guid viewId, CancellationToken ct = default)
    {
        var view = await db.SavedMemberViews.FirstOrDefaultAsync(v => v.Id == viewId && v.PersonId == person, ct);
        if (view is null) return OperationResult.Fail(l["This saved view does not exist."]);
        db.SavedMemberViews.Remove(view);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>The owner sets the prefix for new numbers; numbers already given stay as they are.</summary>
    public async Task<OperationResult> SetNumberPrefixAsync(string? prefix, CancellationToken ct = default)
    {
        prefix = prefix?.Trim() ?? "";
        if (prefix.Length > 10 || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return OperationResult.Fail(l["Number prefix: at most 10 letters, digits, hyphens or underscores."]);
        await db.SetSettingAsync(PrefixSetting, prefix, Now, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Adds a plan; the fee is typed in euros ("12,50" or "12.50").</summary>
    public async Task<OperationResult> AddPlanAsync(string? name, string? fee, BillingInterval interval, CancellationToken ct = default)
    {
        var errors = new List<string>();
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100) errors.Add(l["Plan name: enter a name of at most 100 characters."]);
        else if (await db.MembershipPlans.AnyAsync(p => p.Name == name, ct)) errors.Add(l["Plan name: a plan with this name exists already."]);
        if (!TryParseEuros(fee, out var cents)) errors.Add(l["Fee: enter an amount in euros from 0, e.g. 12,50."]);
        if (!Enum.IsDefined(interval)) errors.Add(l["Interval: choose monthly, quarterly or yearly."]);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        db.MembershipPlans.Add(new MembershipPlan { Name = name, FeeCents = cents, Interval = interval });
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Changes a plan's name, fee or interval; members on the plan keep it, with the new terms.</summary>
    public async Task<OperationResult> UpdatePlanAsync(Guid planId, string? name, string? fee, BillingInterval interval, CancellationToken ct = default)
    {
        var plan = await db.MembershipPlans.FindAsync([planId], ct);
        if (plan is null) return OperationResult.Fail(l["This plan does not exist."]);
        var errors = new List<string>();
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100) errors.Add(l["Plan name: enter a name of at most 100 characters."]);
        else if (await db.MembershipPlans.AnyAsync(p => p.Name == name && p.Id != planId, ct)) errors.Add(l["Plan name: a plan with this name exists already."]);
        if (!TryParseEuros(fee, out var cents)) errors.Add(l["Fee: enter an amount in euros from 0, e.g. 12,50."]);
        if (!Enum.IsDefined(interval)) errors.Add(l["Interval: choose monthly, quarterly or yearly."]);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        (plan.Name, plan.FeeCents, plan.Interval) = (name, cents, interval);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Removes a plan nobody has; members on it must be moved first, so no member silently loses their plan.</summary>
    public async Task<OperationResult> DeletePlanAsync(Guid planId, CancellationToken ct = default)
    {
        var plan = await db.MembershipPlans.FindAsync([planId], ct);
        if (plan is null) return OperationResult.Fail(l["This plan does not exist."]);
        var members = await db.Members.CountAsync(m => m.PlanId == planId, ct);
        if (members > 0) return OperationResult.Fail(l["{0} members have the plan {1}; move them to another plan first (Change these members).", members, plan.Name]);
        db.MembershipPlans.Remove(plan);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Renames a field or changes a choice's options; an option still in use cannot be taken away.</summary>
    public async Task<OperationResult> UpdateFieldAsync(Guid fieldId, string? name, string? options, CancellationToken ct = default)
    {
        var field = await db.CustomFields.FindAsync([fieldId], ct);
        if (field is null) return OperationResult.Fail(l["This field does not exist."]);
        var errors = new List<string>();
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100) errors.Add(l["Field name: enter a name of at most 100 characters."]);
        else if (await db.CustomFields.AnyAsync(f => f.Name == name && f.Id != fieldId, ct)) errors.Add(l["Field name: a field with this name exists already."]);
        var list = Options(options);
        if (field.Kind == CustomFieldKind.Choice)
        {
            if (!OptionsFit(list)) errors.Add(l["Options: enter at least two options, one per line, each at most 100 characters."]);
            var used = await db.CustomFieldValues.Where(v => v.FieldId == fieldId).Select(v => v.Value).Distinct().ToListAsync(ct);
            foreach (var gone in used.Where(u => !list.Contains(u)).Order(StringComparer.Ordinal))
                errors.Add(l["Options: {0} is still chosen by members and cannot be removed.", gone]);
        }
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        field.Name = name;
        if (field.Kind == CustomFieldKind.Choice) field.Options = string.Join('\n', list);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Removes a field and every member's value of it, in one step.</summary>
    public async Task<OperationResult> DeleteFieldAsync(Guid fieldId, CancellationToken ct = default)
    {
        var field = await db.CustomFields.FindAsync([fieldId], ct);
        if (field is null) return OperationResult.Fail(l["This field does not exist."]);
        db.CustomFieldValues.RemoveRange(await db.CustomFieldValues.Where(v => v.FieldId == fieldId).ToListAsync(ct));
        db.CustomFields.Remove(field);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    private static List<string> Options(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    private static bool OptionsFit(List<string> list) => list.Count >= 2 && list.All(o => o.Length <= 100) && string.Join('\n', list).Length <= 4000;

    /// <summary>The owner adds a custom field; a choice needs at least two options, one per line.</summary>
    public async Task<OperationResult> AddFieldAsync(string? name, CustomFieldKind kind, string? options, CancellationToken ct = default)
    {
        var errors = new List<string>();
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100) errors.Add(l["Field name: enter a name of at most 100 characters."]);
        else if (await db.CustomFields.AnyAsync(f => f.Name == name, ct)) errors.Add(l["Field name: a field with this name exists already."]);
        if (!Enum.IsDefined(kind)) errors.Add(l["Kind: choose text, number, date or choice."]);
        var list = Options(options);
        if (kind == CustomFieldKind.Choice && !OptionsFit(list))
            errors.Add(l["Options: enter at least two options, one per line, each at most 100 characters."]);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        db.CustomFields.Add(new CustomField { Name = name, Kind = kind, Options = kind == CustomFieldKind.Choice ? string.Join('\n', list) : null });
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Checks the typed values against their fields and returns them in stored form (null: no value).</summary>
    private async Task<(List<string> Errors, Dictionary<Guid, string?>? Values)> CheckCustomAsync(IReadOnlyDictionary<string, string>? typed, CancellationToken ct)
    {
        if (typed is null) return ([], null);
        var errors = new List<string>();
        var values = new Dictionary<Guid, string?>();
        foreach (var field in await db.CustomFields.AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct))
        {
            if (!typed.TryGetValue(field.Id.ToString(), out var raw)) continue;
            var text = raw?.Trim() ?? "";
            if (text.Length == 0) { values[field.Id] = null; continue; }
            var stored = CustomValues.Normalize(field, text);
            if (stored is null) errors.Add(field.Kind switch
            {
                CustomFieldKind.Number => l["{0}: enter a number.", field.Name],
                CustomFieldKind.Date => l["{0}: enter a date.", field.Name],
                CustomFieldKind.Choice => l["{0}: choose one of the options.", field.Name],
                _ => l["{0}: at most {1} characters.", field.Name, 1000],
            });
            else values[field.Id] = stored;
        }
        return (errors, values);
    }

    private async Task SetCustomAsync(Guid memberId, Dictionary<Guid, string?>? values, CancellationToken ct)
    {
        if (values is null) return;
        var current = await db.CustomFieldValues.Where(v => v.MemberId == memberId).ToDictionaryAsync(v => v.FieldId, ct);
        foreach (var (field, value) in values)
        {
            current.TryGetValue(field, out var existing);
            if (value is null) { if (existing is not null) db.CustomFieldValues.Remove(existing); }
            else if (existing is null) db.CustomFieldValues.Add(new CustomFieldValue { MemberId = memberId, FieldId = field, Value = value });
            else existing.Value = value;
        }
    }

    private static bool TryParseEuros(string? text, out long cents)
    {
        cents = Formats.Money.TryParseEuros(text, out var fee) ? fee.Cents : -1;
        return cents is >= 0 and <= 100_000_000;
    }

    private async Task<List<string>> CheckAsync(MemberDraft d, Guid? self, CancellationToken ct)
    {
        var problems = MemberChecks.Check(d, DateOnly.FromDateTime(Now), l);
        var errors = problems.Select(p => p.Message).ToList();
        if (problems.All(p => p.Field != Formats.Csv.MemberColumns.Email))
        {
            var key = d.Email!.Trim().ToLowerInvariant();
            if (await db.Members.AnyAsync(m => m.EmailKey == key && m.Id != self, ct)) errors.Add(l["E-mail: another member has this address already."]);
        }
        if (d.PlanId is { } plan && !await db.MembershipPlans.AnyAsync(p => p.Id == plan, ct)) errors.Add(l["Plan: choose one of the plans."]);
        return errors;
    }

    /// <summary>Writes a checked draft onto the member; the sync API's batch uses it too, so both store the same cleaned values.</summary>
    internal void Apply(Member m, MemberDraft d) => Fill(m, d, Now);

    /// <summary>Copies a checked draft onto a member (all but number and status); the bulk import shares it.</summary>
    internal static void Fill(Member m, MemberDraft d, DateTime now)
    {
        m.Salutation = Clean(d.Salutation);
        m.FirstName = Clean(d.FirstName);
        m.LastName = d.LastName!.Trim();
        m.Company = Clean(d.Company);
        m.Email = d.Email!.Trim();
        m.EmailKey = m.Email.ToLowerInvariant();
        m.NameKey = string.Join(' ', new[] { m.FirstName, m.LastName, m.Company }.Where(v => v is not null)).ToLowerInvariant();
        m.Phone = Clean(d.Phone);
        m.Language = d.Language!;
        m.Street = Clean(d.Street);
        m.Postcode = Clean(d.Postcode);
        m.City = Clean(d.City);
        m.Country = Clean(d.Country)?.ToUpperInvariant();
        m.DateOfBirth = string.IsNullOrWhiteSpace(d.DateOfBirth) ? null
            : MemberChecks.TryParseIsoDate(d.DateOfBirth.Trim(), out var born) ? born : throw new FormatException($"'{d.DateOfBirth}' is not a date as yyyy-MM-dd; check the member first.");
        m.PlanId = d.PlanId;
        m.Notes = Clean(d.Notes);
        m.UpdatedAt = now;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static List<string> Tags(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}

internal static class MembersModule
{
    public static IServiceCollection AddMembers(this IServiceCollection services) => services
        .AddScoped<MemberRegister>()
        .AddScoped<Bulk.BulkMemberUpdates>()
        .AddScoped<Delegation.IApprovalOutcome, Bulk.BulkUpdateApprovals>()
        .AddScoped<Platform.Jobs.IJobHandler, Bulk.BulkMemberUpdateJob>()
        .AddScoped<Platform.Demo.IDemoDataSource, MembersDemoData>();
}
