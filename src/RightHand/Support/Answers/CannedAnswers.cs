using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Delegation;
using RightHand.Platform.Database;

namespace RightHand.Support.Answers;

/// <summary>What an author fills in for a canned answer.</summary>
internal sealed record CannedAnswerDraft(string? Language, string? Title, string? Category, string? Body, bool InFaq);

/// <summary>
/// Canned answers: written by the assistant, approved through the delegation module's seam (work type "canned answer"),
/// used on tickets with their merge fields filled in. The owner's own edits need nobody's approval and go live at once.
/// </summary>
internal sealed class CannedAnswers(AppDb db, Approvals approvals, TimeProvider clock, IStringLocalizer<Texts> l)
{
    public const string WorkType = "canned-answer";
    public const string Module = "Support";
    /// <summary>An answer nobody has confirmed for this long is listed as due for review.</summary>
    public static readonly TimeSpan ReviewAfter = TimeSpan.FromDays(180);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Creates (id null) or changes an answer. Returns the answer's id; errors name the field and change nothing.</summary>
    public async Task<(OperationResult Result, Guid? Id)> SaveAsync(Guid? id, CannedAnswerDraft draft, Guid by, bool isOwner, CancellationToken ct = default)
    {
        var errors = Check(draft);
        CannedAnswer? answer = null;
        if (id is { } existing)
        {
            answer = await db.CannedAnswers.FindAsync([existing], ct);
            if (answer is null) return (OperationResult.Fail(l["This canned answer does not exist."]), null);
            if (answer.Archived) errors.Add(l["This canned answer is archived; restore it before changing it."]);
        }
        if (errors.Count > 0) return (OperationResult.Fail([.. errors]), null);

        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        if (answer is null)
        {
            answer = new CannedAnswer { Language = "", Title = "", Body = "", CreatedBy = by, CreatedAt = Now };
            db.CannedAnswers.Add(answer);
        }
        var (title, category, body) = (draft.Title!.Trim(), string.IsNullOrWhiteSpace(draft.Category) ? null : draft.Category.Trim(), draft.Body!.Trim());
        var same = answer.Language == draft.Language && answer.Title == title && answer.Category == category && answer.Body == body && answer.InFaq == draft.InFaq;
        if (same && answer.State is CannedAnswerState.Approved or CannedAnswerState.WaitingForApproval) return (OperationResult.Ok, answer.Id);
        (answer.Language, answer.Title, answer.Category, answer.Body, answer.InFaq, answer.UpdatedAt) = (draft.Language!, title, category, body, draft.InFaq, Now);
        answer.ReviewComment = null;
        if (isOwner) Publish(answer, Now);
        else
        {
            answer.State = CannedAnswerState.WaitingForApproval;
            await approvals.EnsureWorkTypeAsync(WorkType, isMoney: false, ct);
            await approvals.RequestAsync(new ApprovalAsk(WorkType, Module, answer.Id.ToString(), l["Canned answer: {0}", answer.Title], Preview(answer), Hash(answer), by), ct);
        }
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return (OperationResult.Ok, answer.Id);
    }

    private List<string> Check(CannedAnswerDraft d)
    {
        var errors = new List<string>();
        if (d.Language is not ("de" or "en")) errors.Add(l["Language: choose German or English."]);
        if (string.IsNullOrWhiteSpace(d.Title)) errors.Add(l["Title: give the answer a name agents will recognise."]);
        else if (d.Title.Trim().Length > CannedAnswer.TitleMax) errors.Add(l["Title: at most {0} characters.", CannedAnswer.TitleMax]);
        if (d.Category?.Trim().Length > CannedAnswer.CategoryMax) errors.Add(l["Category: at most {0} characters.", CannedAnswer.CategoryMax]);
        if (string.IsNullOrWhiteSpace(d.Body)) errors.Add(l["Text: write the answer."]);
        else if (d.Body.Trim().Length > CannedAnswer.BodyMax) errors.Add(l["Text: at most {0} characters.", CannedAnswer.BodyMax]);
        else errors.AddRange(MergeFields.Problems(d.Body,
            (name, known) => l["Text: there is no merge field {0}. Known are: {1}", "{{" + name + "}}", known],
            detail => l["Text: the merge fields are not well formed ({0}).", detail]));
        return errors;
    }

    /// <summary>What the approver reads: everything members will see.</summary>
    private string Preview(CannedAnswer a) =>
        $"{l["Language"]}: {(a.Language == "de" ? l["German"] : l["English"])}\n{l["Category"]}: {a.Category ?? "—"}\n"
        + $"{l["In the portal's FAQ"]}: {(a.InFaq ? l["yes"] : l["no"])}\n\n{a.Title}\n\n{a.Body}";

    /// <summary>The version's fingerprint: approval holds for exactly this content.</summary>
    internal static string Hash(CannedAnswer a) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\u001f', a.Language, a.Title, a.Category ?? "", a.InFaq ? "faq" : "", a.Body))));

    internal static void Publish(CannedAnswer a, DateTime at)
    {
        (a.LiveTitle, a.LiveCategory, a.LiveBody, a.LiveInFaq) = (a.Title, a.Category, a.Body, a.InFaq);
        (a.State, a.ApprovedAt, a.LastReviewedAt, a.ReviewComment) = (CannedAnswerState.Approved, at, at, null);
    }

    /// <summary>Someone confirms the live answer is still right: it leaves the "due for review" list.</summary>
    public async Task<OperationResult> MarkReviewedAsync(Guid id, CancellationToken ct = default)
    {
        var answer = await db.CannedAnswers.FindAsync([id], ct);
        if (answer is null) return OperationResult.Fail(l["This canned answer does not exist."]);
        if (!answer.IsLive) return OperationResult.Fail(l["Only an answer in use can be marked as reviewed."]);
        answer.LastReviewedAt = Now;
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Takes an answer out of use (and out of the FAQ), or puts it back.</summary>
    public async Task<OperationResult> SetArchivedAsync(Guid id, bool archived, CancellationToken ct = default)
    {
        var answer = await db.CannedAnswers.FindAsync([id], ct);
        if (answer is null) return OperationResult.Fail(l["This canned answer does not exist."]);
        answer.Archived = archived;
        answer.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>
    /// The live text of an answer with the fields filled in, counted as one use. The count joins the caller's unit of
    /// work (the reply that uses it): the caller saves. Null when the answer is not in use.
    /// </summary>
    public async Task<string?> UseAsync(Guid id, IReadOnlyDictionary<string, string?> values, CancellationToken ct = default)
    {
        var answer = await db.CannedAnswers.FindAsync([id], ct);
        return answer is null ? null : Use(answer, values);
    }

    /// <summary>As <see cref="UseAsync"/>, for a caller that has the (tracked) answer already, such as a support rule.</summary>
    internal static string? Use(CannedAnswer answer, IReadOnlyDictionary<string, string?> values)
    {
        if (!answer.IsLive) return null;
        answer.UsageCount++;
        return MergeFields.Render(answer.LiveBody!, values);
    }

    /// <summary>Every category in use, for the form's suggestions.</summary>
    public async Task<List<string>> CategoriesAsync(CancellationToken ct = default) =>
        (await db.CannedAnswers.AsNoTracking().Where(a => a.Category != null).Select(a => a.Category!).Distinct().ToListAsync(ct))
            .Order(StringComparer.CurrentCultureIgnoreCase).ToList();

    /// <summary>The answers agents can use, in a language, by title.</summary>
    public Task<List<CannedAnswer>> LiveAsync(string? language, CancellationToken ct = default) =>
        db.CannedAnswers.AsNoTracking().Where(a => a.LiveBody != null && !a.Archived && (language == null || a.Language == language))
            .OrderBy(a => a.LiveTitle).ToListAsync(ct);
}

/// <summary>Hears the approval seam's decision on a canned answer, in its transaction.</summary>
internal sealed class CannedAnswerApprovals(AppDb db) : IApprovalOutcome
{
    public string Module => CannedAnswers.Module;

    public async Task OnDecidedAsync(ApprovalRequest request, CancellationToken ct)
    {
        if (!Guid.TryParse(request.ItemId, out var id) || await db.CannedAnswers.FindAsync([id], ct) is not { State: CannedAnswerState.WaitingForApproval } answer) return;
        // A decision on a version edited since (its request was voided) changes nothing.
        if (CannedAnswers.Hash(answer) != request.ContentHash) return;
        var at = request.DecidedAt ?? request.CreatedAt;
        if (request.IsApproved) CannedAnswers.Publish(answer, at);
        else if (request.State == ApprovalState.ChangesRequested)
        {
            answer.State = CannedAnswerState.ChangesRequested;
            answer.ReviewComment = request.Comment;
        }
    }
}

internal static class AnswersModule
{
    public static IServiceCollection AddCannedAnswers(this IServiceCollection services) => services
        .AddScoped<CannedAnswers>()
        .AddScoped<Faq>()
        .AddScoped<IApprovalOutcome, CannedAnswerApprovals>();
}
