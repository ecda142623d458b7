using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Delegation;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Platform.Web;

namespace RightHand.Members.Bulk;

/// <summary>What the person chose on the bulk page, as typed.</summary>
internal sealed record BulkChangeRequest(BulkChange Change, string? Value, Guid? FieldId);

/// <summary>
/// Changes many members at once. The assistant's change waits in the owner's approval queue (work type "bulk member
/// update") unless that kind of work has earned autonomy; the owner's own change needs no second look. Once approved,
/// a background job applies it in chunks and records how far it got with each chunk, so a crash resumes where it stopped
/// and a member already changed is simply found unchanged.
/// </summary>
internal sealed class BulkMemberUpdates(AppDb db, Approvals approvals, TimeProvider clock, IStringLocalizer<Texts> l)
{
    public const string WorkType = "bulk-member-update";
    public const string JobKind = "members.bulk-update";
    /// <summary>The set is stored with the change; a hundred thousand members is far beyond a hand-checkable change.</summary>
    public const int MaxMembers = 100_000;
    private const int ChunkSize = 500;

    public const string Module = "Members";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<(OperationResult Result, Guid? UpdateId)> PrepareAsync(MemberFilter filter, BulkChangeRequest change, Guid by, bool isOwner, CancellationToken ct = default)
    {
        var (errors, value) = await CheckAsync(change, ct);
        var ids = await filter.Apply(db).Select(m => m.Id).Take(MaxMembers + 1).ToListAsync(ct);
        if (ids.Count == 0) errors.Add(l["No members match this filter; there is nothing to change."]);
        if (ids.Count > MaxMembers) errors.Add(l["At most {0} members can be changed at once; narrow the filter.", Display.Number(MaxMembers)]);
        // The filter is kept to show where the set came from; a search typed past the form's limits does not fit.
        if (filter.ToQuery().Length > 2000) errors.Add(l["The filter is too long to keep with the change; shorten the search."]);
        if (errors.Count > 0) return (OperationResult.Fail([.. errors]), null);

        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        var update = new BulkMemberUpdate
        {
            Change = change.Change, Value = value, FieldId = change.Change == BulkChange.SetCustomField ? change.FieldId : null,
            Filter = filter.ToQuery(), MemberIds = string.Join('\n', ids), MemberCount = ids.Count, PreparedBy = by, CreatedAt = Now,
            State = isOwner ? BulkUpdateState.Applying : BulkUpdateState.WaitingForApproval,
        };
        db.BulkMemberUpdates.Add(update);
        if (isOwner) await EnqueueAsync(db, update, Now, ct);
        else
        {
            var preview = await PreviewAsync(update, ct);
            await approvals.RequestAsync(new ApprovalAsk(WorkType, Module, update.Id.ToString(), await TitleAsync(update, ct), preview,
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(preview))), by), ct);
        }
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return (OperationResult.Ok, update.Id);
    }

    /// <summary>The change in words, in the reader's language: "add the tag VIP", "set the plan to Premium".</summary>
    public async Task<string> DescribeAsync(BulkMemberUpdate u, CancellationToken ct = default) => u.Change switch
    {
        BulkChange.SetStatus => l["set the status to {0}", MemberLabels.Status(Enum.Parse<MemberStatus>(u.Value), l)],
        BulkChange.AddTag => l["add the tag {0}", u.Value],
        BulkChange.RemoveTag => l["remove the tag {0}", u.Value],
        BulkChange.SetPlan => u.Value.Length == 0 ? l["remove the plan"]
            : l["set the plan to {0}", (await db.MembershipPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == Guid.Parse(u.Value), ct))?.Name ?? "?"],
        BulkChange.SetLanguage => l["set the language to {0}", u.Value == "de" ? l["German"] : l["English"]],
        _ => await db.CustomFields.AsNoTracking().FirstOrDefaultAsync(f => f.Id == u.FieldId, ct) is { } field
            ? u.Value.Length == 0 ? l["clear {0}", field.Name] : l["set {0} to {1}", field.Name, CustomValues.Show(field, u.Value)]
            : l["set a custom field that no longer exists"],
    };

    private async Task<string> TitleAsync(BulkMemberUpdate u, CancellationToken ct) =>
        l["Bulk update of {0} members: {1}", Display.Number(u.MemberCount), await DescribeAsync(u, ct)];

    /// <summary>What the approver reads: the change and every member number (numbers only: the queue keeps no personal data).</summary>
    private async Task<string> PreviewAsync(BulkMemberUpdate u, CancellationToken ct)
    {
        var numbers = new List<string>(u.MemberCount);
        foreach (var chunk in u.Members().Chunk(ChunkSize))
            numbers.AddRange(await db.Members.AsNoTracking().Where(m => chunk.Contains(m.Id)).OrderBy(m => m.Sequence).Select(m => m.Number).ToListAsync(ct));
        return $"{l["Change"]}: {await DescribeAsync(u, ct)}\n{l["Filter"]}: /members{u.Filter}\n{l["Members ({0})", u.MemberCount]}:\n{string.Join(", ", numbers)}";
    }

    internal static async Task EnqueueAsync(AppDb db, BulkMemberUpdate update, DateTime now, CancellationToken ct) =>
        await db.EnqueueAsync(JobKind, new BulkUpdatePayload(update.Id), now, "bulk-member-update:" + update.Id, ct);

    /// <summary>Checks the chosen change; returns the value in stored form.</summary>
    private async Task<(List<string> Errors, string Value)> CheckAsync(BulkChangeRequest c, CancellationToken ct)
    {
        var text = c.Value?.Trim() ?? "";
        switch (c.Change)
        {
            case BulkChange.SetStatus:
                return Enum.TryParse<MemberStatus>(text, true, out var status) && Enum.IsDefined(status)
                    ? ([], status.ToString()) : ([l["Status: choose prospect, active, paused or cancelled."]], "");
            case BulkChange.AddTag or BulkChange.RemoveTag:
                return text.Length is 0 or > 60 || text.Contains(',', StringComparison.Ordinal)
                    ? ([l["Tag: enter one tag of at most 60 characters."]], "") : ([], text);
            case BulkChange.SetPlan:
                if (text.Length == 0) return ([], "");
                return Guid.TryParse(text, out var plan) && await db.MembershipPlans.AnyAsync(p => p.Id == plan, ct)
                    ? ([], plan.ToString()) : ([l["Plan: choose one of the plans."]], "");
            case BulkChange.SetLanguage:
                return text is "de" or "en" ? ([], text) : ([l["Language: choose German or English."]], "");
            case BulkChange.SetCustomField:
                var field = c.FieldId is { } id ? await db.CustomFields.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) : null;
                if (field is null) return ([l["Custom field: choose one of the fields."]], "");
                if (text.Length == 0) return ([], "");
                return CustomValues.Normalize(field, text) is { } stored ? ([], stored) : ([l["{0}: the value does not fit the field.", field.Name]], "");
            default:
                return ([l["Change: choose what to change."]], "");
        }
    }

    /// <summary>Applies the next chunks of an approved update; each chunk and the progress mark commit together.</summary>
    internal async Task ApplyAsync(Guid updateId, Func<int, Task> progress, CancellationToken ct)
    {
        var update = await db.BulkMemberUpdates.FindAsync([updateId], ct);
        if (update is not { State: BulkUpdateState.Applying }) return;
        var ids = update.Members();
        while (update.Processed < ids.Count)
        {
            var chunk = ids.Skip(update.Processed).Take(ChunkSize).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var members = await db.Members.Where(m => chunk.Contains(m.Id)).ToListAsync(ct);
            foreach (var member in members)
                if (await ApplyToAsync(update, member, ct))
                {
                    update.Changed++;
                    member.UpdatedAt = Now;
                    MemberEvents.Add(db, member, update.Change == BulkChange.SetStatus && member.Status == MemberStatus.Cancelled
                        ? MemberEventKind.Cancelled : MemberEventKind.Updated, Now);
                }
            update.Processed += chunk.Count;
            if (update.Processed >= ids.Count) (update.State, update.FinishedAt) = (BulkUpdateState.Done, Now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            update = (await db.BulkMemberUpdates.FindAsync([updateId], ct))!;
            await progress(update.Processed * 100 / ids.Count);
        }
    }

    /// <summary>Changes one member; false when they had the value already (a member erased or deleted since is skipped).</summary>
    private async Task<bool> ApplyToAsync(BulkMemberUpdate u, Member m, CancellationToken ct)
    {
        if (m.ErasedAt is not null) return false;
        switch (u.Change)
        {
            case BulkChange.SetStatus:
                var status = Enum.Parse<MemberStatus>(u.Value);
                if (m.Status == status) return false;
                db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = m.Id, From = m.Status, To = status, At = Now, By = u.PreparedBy });
                (m.Status, m.StatusSince) = (status, Now);
                return true;
            case BulkChange.AddTag:
                if (await db.MemberTags.AnyAsync(t => t.MemberId == m.Id && t.Tag == u.Value, ct)) return false;
                db.MemberTags.Add(MemberTag.Of(m, u.Value));
                return true;
            case BulkChange.RemoveTag:
                var tag = await db.MemberTags.FirstOrDefaultAsync(t => t.MemberId == m.Id && t.Tag == u.Value, ct);
                if (tag is null) return false;
                db.MemberTags.Remove(tag);
                return true;
            case BulkChange.SetPlan:
                Guid? plan = u.Value.Length == 0 ? null : Guid.Parse(u.Value);
                if (plan is { } p && !await db.MembershipPlans.AnyAsync(x => x.Id == p, ct)) return false;
                if (m.PlanId == plan) return false;
                m.PlanId = plan;
                return true;
            case BulkChange.SetLanguage:
                if (m.Language == u.Value) return false;
                m.Language = u.Value;
                return true;
            default:
                if (u.FieldId is not { } field || !await db.CustomFields.AnyAsync(f => f.Id == field, ct)) return false;
                var existing = await db.CustomFieldValues.FirstOrDefaultAsync(v => v.MemberId == m.Id && v.FieldId == field, ct);
                if (u.Value.Length == 0)
                {
                    if (existing is null) return false;
                    db.CustomFieldValues.Remove(existing);
                }
                else if (existing is null) db.CustomFieldValues.Add(new CustomFieldValue { MemberId = m.Id, FieldId = field, Value = u.Value });
                else if (existing.Value == u.Value) return false;
                else existing.Value = u.Value;
                return true;
        }
    }
}

internal sealed record BulkUpdatePayload(Guid UpdateId);

/// <summary>Hears the approval seam's decision on a bulk update (its own class: the seam itself depends on its listeners).</summary>
internal sealed class BulkUpdateApprovals(AppDb db) : IApprovalOutcome
{
    public string Module => BulkMemberUpdates.Module;

    /// <summary>The approval seam's decision, in its transaction: approved starts the job, changes requested ends the update.</summary>
    public async Task OnDecidedAsync(ApprovalRequest request, CancellationToken ct)
    {
        if (!Guid.TryParse(request.ItemId, out var id) || await db.BulkMemberUpdates.FindAsync([id], ct) is not { State: BulkUpdateState.WaitingForApproval } update) return;
        if (request.IsApproved)
        {
            update.State = BulkUpdateState.Applying;
            await BulkMemberUpdates.EnqueueAsync(db, update, request.DecidedAt ?? request.CreatedAt, ct);
        }
        else if (request.State == ApprovalState.ChangesRequested)
        {
            update.State = BulkUpdateState.Rejected;
            update.Comment = request.Comment;
            update.FinishedAt = request.DecidedAt ?? request.CreatedAt;
        }
    }
}

internal sealed class BulkMemberUpdateJob(BulkMemberUpdates updates) : IJobHandler
{
    public string Kind => BulkMemberUpdates.JobKind;

    public Task RunAsync(JobContext context, CancellationToken ct) =>
        updates.ApplyAsync(context.Payload<BulkUpdatePayload>().UpdateId, percent => context.ReportProgressAsync(percent), ct);
}
