using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Delegation;

/// <summary>Draws the spot-check sample. Seeded in tests; shared and thread-safe in the app.</summary>
internal sealed class SpotCheckSampler(Random random)
{
    public bool Draw(int percent) => percent > 0 && random.Next(100) < percent;
}

/// <summary>
/// The seam every module uses for delegated output: ask for approval of a version, learn whether that
/// exact version is approved, and let a person decide. The work type's autonomy level says whether a
/// person looks before (approve each), after a sample (spot-checked) or not at all (autonomous); money
/// always goes past a second person, never the preparer, with a fresh second factor.
/// </summary>
internal sealed class Approvals(AppDb db, TimeProvider clock, SpotCheckSampler sampler, IStringLocalizer<Texts> l, IEnumerable<IApprovalOutcome> outcomes)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Registers a module's work type if it is new; existing settings (level, thresholds) are the owner's and stay.</summary>
    public async Task<WorkType> EnsureWorkTypeAsync(string key, bool isMoney, CancellationToken ct = default)
    {
        var type = await db.WorkTypes.FindAsync([key], ct);
        if (type is not null) return type;
        type = new WorkType { Key = key, IsMoney = isMoney };
        db.WorkTypes.Add(type);
        await db.SaveChangesAsync(ct);
        return type;
    }

    /// <summary>
    /// Asks for approval of one version of an item. Asking again for the same content returns the same
    /// request; new content voids every earlier request of the item, approved or not: an edit after
    /// approval needs a new approval.
    /// </summary>
    public async Task<ApprovalRequest> RequestAsync(ApprovalAsk ask, CancellationToken ct = default)
    {
        var type = await db.WorkTypes.FindAsync([ask.WorkType], ct)
            ?? throw new InvalidOperationException($"Unknown work type '{ask.WorkType}': register it with EnsureWorkTypeAsync first.");
        var earlier = await db.ApprovalRequests
            .Where(a => a.Module == ask.Module && a.ItemId == ask.ItemId && a.State != ApprovalState.Voided && a.State != ApprovalState.ChangesRequested)
            .ToListAsync(ct);
        if (earlier.FirstOrDefault(a => a.ContentHash == ask.ContentHash) is { } same) return same;
        foreach (var old in earlier) old.State = ApprovalState.Voided;

        var request = new ApprovalRequest
        {
            WorkTypeKey = type.Key, Module = ask.Module, ItemId = ask.ItemId, Title = ask.Title, Preview = ask.Preview,
            ContentHash = ask.ContentHash, AmountCents = ask.AmountCents, PreparedBy = ask.PreparedBy, CreatedAt = Now, SubjectMemberId = ask.SubjectMemberId,
            State = NeedsFourEyes(type, ask.AmountCents) || type.Level == AutonomyLevel.ApproveEach ? ApprovalState.Pending : ApprovalState.AutoApproved,
        };
        if (request.State == ApprovalState.AutoApproved && type.Level == AutonomyLevel.SpotChecked)
            request.SampledForReview = sampler.Draw(type.SampleRatePercent);
        if (ask.AlwaysReview) request.SampledForReview = request.AlwaysReview = true;
        db.ApprovalRequests.Add(request);
        if (request.State == ApprovalState.AutoApproved) await TellModuleAsync(request, ct);
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>Whether exactly this version of the item may be used (sent, released, published).</summary>
    public Task<bool> IsApprovedAsync(string module, string itemId, string contentHash, CancellationToken ct = default) =>
        db.ApprovalRequests.AnyAsync(a => a.Module == module && a.ItemId == itemId && a.ContentHash == contentHash
            && (a.State == ApprovalState.Approved || a.State == ApprovalState.AutoApproved), ct);

    /// <summary>
    /// Approves a pending request. For money the approver must be another person than the preparer and
    /// must just have confirmed their second factor (the caller checks the code and says so).
    /// </summary>
    public async Task<OperationResult> ApproveAsync(Guid requestId, Guid approver, bool freshSecondFactor, DateTime? openedAt = null, CancellationToken ct = default)
    {
        var request = await db.ApprovalRequests.FindAsync([requestId], ct);
        if (request is null || request.State != ApprovalState.Pending) return OperationResult.Fail(l["This item is no longer waiting for approval."]);
        var type = await db.WorkTypes.FindAsync([request.WorkTypeKey], ct) ?? throw new InvalidOperationException($"Work type {request.WorkTypeKey} is gone.");
        if (NeedsFourEyes(type, request.AmountCents))
        {
            if (approver == request.PreparedBy) return OperationResult.Fail(l["Four eyes: money is approved by a second person, not by the one who prepared it."]);
            if (!freshSecondFactor) return OperationResult.Fail(l["Confirm the approval with a fresh code from your authenticator app."]);
        }
        Decide(request, ApprovalState.Approved, approver, openedAt);
        type.ApprovalsInARow++;
        if (type.Level == AutonomyLevel.ApproveEach && type.ApprovalsInARow >= type.PromotionThreshold) type.PromotionOffered = true;
        await TellModuleAsync(request, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Sends an item back with a comment. The run of approvals starts over and the work type falls back to "approve each".</summary>
    public async Task<OperationResult> RequestChangesAsync(Guid requestId, Guid reviewer, string comment, DateTime? openedAt = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(comment)) return OperationResult.Fail(l["Say what should change."]);
        var request = await db.ApprovalRequests.FindAsync([requestId], ct);
        if (request is null || request.State is ApprovalState.Voided or ApprovalState.ChangesRequested)
            return OperationResult.Fail(l["This item is no longer waiting for approval."]);
        var type = await db.WorkTypes.FindAsync([request.WorkTypeKey], ct) ?? throw new InvalidOperationException($"Work type {request.WorkTypeKey} is gone.");
        Decide(request, ApprovalState.ChangesRequested, reviewer, openedAt);
        request.Comment = comment.Trim();
        type.ApprovalsInARow = 0;
        type.PromotionOffered = false;
        if (type.Level != AutonomyLevel.ApproveEach) ChangeLevel(type, AutonomyLevel.ApproveEach, "changes requested", reviewer);
        await TellModuleAsync(request, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>The owner accepts the offered promotion from "approve each" to "spot-checked".</summary>
    public async Task<OperationResult> AcceptPromotionAsync(string workType, Guid owner, CancellationToken ct = default)
    {
        var type = await db.WorkTypes.FindAsync([workType], ct);
        if (type is not { PromotionOffered: true, Level: AutonomyLevel.ApproveEach }) return OperationResult.Fail(l["No promotion is on offer for this kind of work."]);
        ChangeLevel(type, AutonomyLevel.SpotChecked, "promotion accepted", owner);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>The owner sets a level by hand (money keeps its four eyes whatever the level).</summary>
    public async Task<OperationResult> SetLevelAsync(string workType, AutonomyLevel level, Guid owner, CancellationToken ct = default)
    {
        var type = await db.WorkTypes.FindAsync([workType], ct);
        if (type is null) return OperationResult.Fail(l["Unknown kind of work."]);
        if (type.Level != level) ChangeLevel(type, level, "set by owner", owner);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Records the decision; <paramref name="openedAt"/> (when the decider was shown the item) gives the review time.</summary>
    private void Decide(ApprovalRequest request, ApprovalState state, Guid by, DateTime? openedAt)
    {
        request.State = state;
        request.DecidedBy = by;
        request.DecidedAt = Now;
        request.ReviewSeconds = Reviews.ReviewTime.Seconds(openedAt, Now);
    }

    /// <summary>The asking module updates its item in the same transaction as the decision, so the two never disagree.</summary>
    private async Task TellModuleAsync(ApprovalRequest request, CancellationToken ct)
    {
        foreach (var outcome in outcomes.Where(o => o.Module == request.Module)) await outcome.OnDecidedAsync(request, ct);
    }

    /// <summary>The owner's checking rules for a kind of work: how much is sampled, when promotion is offered, from which amount four eyes apply.</summary>
    public async Task<OperationResult> SetRulesAsync(string workType, CheckingRules rules, CancellationToken ct = default)
    {
        var errors = new List<string>();
        if (rules.SampleRatePercent is not (>= 0 and <= 100)) errors.Add(l["Spot-check share: a whole percentage from 0 to 100."]);
        if (rules.PromotionThreshold is not (>= 1 and <= 1000)) errors.Add(l["Approvals before promotion: a whole number from 1 to 1,000."]);
        long? fourEyes = null;
        if (!string.IsNullOrWhiteSpace(rules.FourEyesAboveEuros))
        {
            if (Formats.Money.TryParseEuros(rules.FourEyesAboveEuros, out var amount) && amount.Cents >= 0) fourEyes = amount.Cents;
            else errors.Add(l["Four eyes above: an amount in euros, 0 or more."]);
        }
        var type = await db.WorkTypes.FindAsync([workType], ct);
        if (type is null) errors.Add(l["Unknown kind of work."]);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);

        type!.SampleRatePercent = rules.SampleRatePercent!.Value;
        type.PromotionThreshold = rules.PromotionThreshold!.Value;
        if (type.IsMoney && fourEyes is { } cents) type.FourEyesAboveCents = cents;
        if (type.Level == AutonomyLevel.ApproveEach && type.ApprovalsInARow >= type.PromotionThreshold) type.PromotionOffered = true;
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    private static bool NeedsFourEyes(WorkType type, long? amountCents) => type.IsMoney && (amountCents ?? long.MaxValue) > type.FourEyesAboveCents;

    private void ChangeLevel(WorkType type, AutonomyLevel to, string reason, Guid? by)
    {
        db.AutonomyChanges.Add(new AutonomyChange { WorkTypeKey = type.Key, From = type.Level, To = to, Reason = reason, ChangedBy = by, At = Now });
        type.Level = to;
        type.PromotionOffered = false;
        if (to == AutonomyLevel.ApproveEach) type.ApprovalsInARow = 0;
    }
}

/// <summary>The rules form on the kinds-of-work page; the amount stays text so it is read in the reader's culture.</summary>
internal sealed class CheckingRules
{
    public int? SampleRatePercent { get; set; }
    public int? PromotionThreshold { get; set; }
    public string? FourEyesAboveEuros { get; set; }
}

/// <summary>
/// What a module asks to have approved: one version of one item, prepared by one person.
/// <paramref name="AlwaysReview"/> puts the item in the owner's review list whatever the sample says (trial tasks).
/// </summary>
internal sealed record ApprovalAsk(string WorkType, string Module, string ItemId, string Title, string Preview, string ContentHash, Guid PreparedBy, long? AmountCents = null, bool AlwaysReview = false,
    Guid? SubjectMemberId = null);

/// <summary>
/// A module that wants to hear the decision on its items (approved, auto-approved, changes requested)
/// registers one of these. It is called before the decision is saved, with the module's own DbContext
/// changes joining the same transaction; it must not call SaveChanges itself.
/// </summary>
internal interface IApprovalOutcome
{
    string Module { get; }
    Task OnDecidedAsync(ApprovalRequest request, CancellationToken ct);
}

internal static class DelegationModule
{
    public static IServiceCollection AddDelegation(this IServiceCollection services) => services
        .AddSingleton(new SpotCheckSampler(Random.Shared))
        .AddScoped<Approvals>()
        .AddScoped<Reviews.SpotChecks>()
        .AddSingleton<Reviews.ReviewClock>()
        .AddScoped<Reviews.Quality>()
        .AddScoped<Reviews.ControlCostReport>()
        .AddScoped<Members.Privacy.IMemberErasureStep, ApprovalErasure>()
        .AddScoped<Platform.Demo.IDemoDataSource, DelegationDemoData>();
}
