using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Members;
using RightHand.Platform.Database;
using RightHand.Support.Rules.Pages;

namespace RightHand.Support.Rules;

/// <summary>
/// The owner's list of support rules: write, order, switch on and off, delete. Each field of the form is checked and
/// named in the error; a rule that fails a check changes nothing. The audit trail records every change (AppDb).
/// </summary>
internal sealed class SupportRules(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l)
{
    private static readonly TicketState[] WaitingStates = [TicketState.WaitingForMember, TicketState.WaitingForIt, TicketState.WaitingForOwner];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<List<SupportRule>> ListAsync(CancellationToken ct = default) =>
        db.SupportRules.AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.CreatedAt).ToListAsync(ct);

    public Task<SupportRule?> FindAsync(Guid id, CancellationToken ct = default) => db.SupportRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>Creates (id null; placed last) or changes a rule. Returns its id.</summary>
    public async Task<(OperationResult Result, Guid? Id)> SaveAsync(Guid? id, RuleForm form, CancellationToken ct = default)
    {
        var (parsed, errors) = await ParseAsync(form, ct);
        SupportRule? rule = null;
        if (id is { } existing && (rule = await db.SupportRules.FindAsync([existing], ct)) is null) return (OperationResult.Fail(l["This rule does not exist."]), null);
        if (errors.Count > 0) return (OperationResult.Fail([.. errors]), null);
        if (rule is null)
        {
            rule = parsed!;
            rule.Position = (await db.SupportRules.MaxAsync(r => (int?)r.Position, ct) ?? 0) + 1;
            rule.CreatedAt = Now;
            db.SupportRules.Add(rule);
        }
        else Copy(parsed!, rule);
        rule.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, rule.Id);
    }

    /// <summary>Moves a rule one place up (earlier) or down (later) by swapping it with its neighbour.</summary>
    public async Task<OperationResult> MoveAsync(Guid id, bool up, CancellationToken ct = default)
    {
        var rules = await db.SupportRules.OrderBy(r => r.Position).ThenBy(r => r.CreatedAt).ToListAsync(ct);
        var index = rules.FindIndex(r => r.Id == id);
        if (index < 0) return OperationResult.Fail(l["This rule does not exist."]);
        var other = up ? index - 1 : index + 1;
        if (other < 0 || other >= rules.Count) return OperationResult.Fail(up ? l["This rule is first already."] : l["This rule is last already."]);
        (rules[index], rules[other]) = (rules[other], rules[index]);
        // Positions are renumbered 1, 2, 3 …: equal or missing positions from earlier edits straighten out on the way.
        for (var i = 0; i < rules.Count; i++) if (rules[i].Position != i + 1) (rules[i].Position, rules[i].UpdatedAt) = (i + 1, Now);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    public async Task<OperationResult> SetEnabledAsync(Guid id, bool enabled, CancellationToken ct = default)
    {
        var rule = await db.SupportRules.FindAsync([id], ct);
        if (rule is null) return OperationResult.Fail(l["This rule does not exist."]);
        (rule.Enabled, rule.UpdatedAt) = (enabled, Now);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Deletes a rule; what it did to tickets stays (their notes name it).</summary>
    public async Task<OperationResult> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var rule = await db.SupportRules.FindAsync([id], ct);
        if (rule is null) return OperationResult.Fail(l["This rule does not exist."]);
        db.SupportRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>The names a rule refers to, for describing rules.</summary>
    public async Task<RuleNames> NamesAsync(CancellationToken ct = default) => new(
        await db.TicketCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct),
        await db.People.AsNoTracking().Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct),
        await db.MembershipPlans.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct),
        await db.CannedAnswers.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.LiveTitle ?? a.Title, ct));

    /// <summary>The form as a rule (not saved), or the errors naming each field that is wrong.</summary>
    public async Task<(SupportRule? Rule, List<string> Errors)> ParseAsync(RuleForm form, CancellationToken ct = default)
    {
        var errors = new List<string>();
        var name = form.Name?.Trim() ?? "";
        if (name.Length is 0 or > SupportRule.NameMax) errors.Add(l["Name: give the rule a name of at most {0} characters.", SupportRule.NameMax]);
        var rule = new SupportRule
        {
            Name = name, Enabled = form.Enabled, StopAfter = form.StopAfter, OnNewTickets = form.OnNewTickets, OnRequesterReplies = form.OnRequesterReplies,
            Channel = Choice<TicketChannel>(form.Channel, errors, l["Channel: choose one of the channels."]),
            SubjectWords = Words(form.SubjectWords, errors, l["Words in the subject: at most {0} characters.", SupportRule.WordsMax]),
            BodyWords = Words(form.BodyWords, errors, l["Words in the message: at most {0} characters.", SupportRule.WordsMax]),
            MemberStatus = Choice<MemberStatus>(form.MemberStatus, errors, l["Member status: choose one of the statuses."]),
            MemberTag = Tag(form.MemberTag, errors, l["Member tag: at most {0} characters, without commas.", 60], 60),
            OutsideBusinessHours = form.OutsideBusinessHours,
            SetPriority = Choice<TicketPriority>(form.SetPriority, errors, l["Set priority: choose low, normal, high or urgent."]),
            AddTag = Tag(form.AddTag, errors, l["Add tag: at most {0} characters, without commas.", TicketTag.MaxLength], TicketTag.MaxLength),
            SetWaiting = Choice<TicketState>(form.SetWaiting, errors, l["Waiting state: choose waiting for the member, for IT or for the owner."]),
            Escalate = Choice<RuleEscalation>(form.Escalate, errors, l["Escalate: choose IT or the owner."]) ?? RuleEscalation.None,
        };
        if (rule.SetWaiting is { } waiting && !WaitingStates.Contains(waiting)) errors.Add(l["Waiting state: choose waiting for the member, for IT or for the owner."]);
        if (rule.SetWaiting is not null && rule.Escalate != RuleEscalation.None) errors.Add(l["Waiting state: an escalation sets the state already; choose one of the two."]);

        var categories = await db.TicketCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Archived, ct);
        rule.CategoryId = Id(form.Category, errors, l["Category: choose one of the categories."], categories.ContainsKey);
        rule.SetCategoryId = Id(form.SetCategory, errors, l["Set category: choose a category that is in use."], c => categories.TryGetValue(c, out var archived) && !archived);
        var plans = await db.MembershipPlans.AsNoTracking().Select(p => p.Id).ToListAsync(ct);
        rule.MemberPlanId = Id(form.MemberPlan, errors, l["Plan: choose one of the plans."], plans.Contains);
        var agents = (await TicketQueries.AgentsAsync(db, ct)).Select(a => a.Key).ToHashSet();
        rule.AssignTo = Id(form.AssignTo, errors, l["Assign to: choose a person who works in support."], agents.Contains);
        var live = await db.CannedAnswers.AsNoTracking().Where(a => a.LiveBody != null && !a.Archived).Select(a => new { a.Id, a.Language }).ToListAsync(ct);
        rule.AnswerDeId = Id(form.AnswerDe, errors, l["Answer in German: choose an approved German canned answer."], a => live.Any(x => x.Id == a && x.Language == "de"));
        rule.AnswerEnId = Id(form.AnswerEn, errors, l["Answer in English: choose an approved English canned answer."], a => live.Any(x => x.Id == a && x.Language == "en"));

        (rule.FromMinute, rule.ToMinute) = (Minute(form.From, errors, l["From: enter a time as HH:MM."]), Minute(form.To, errors, l["Until: enter a time as HH:MM."]));
        if ((rule.FromMinute is null) != (rule.ToMinute is null) && !string.IsNullOrWhiteSpace(form.From + form.To))
            errors.Add(l["Time of day: enter both the start and the end."]);
        else if (rule.FromMinute is not null && rule.FromMinute == rule.ToMinute) errors.Add(l["Time of day: the start and the end must differ."]);
        foreach (var day in form.Days ?? [])
        {
            if (Enum.TryParse<DayOfWeek>(day, out var d) && Enum.IsDefined(d)) rule.Weekdays |= 1 << (int)d;
            else errors.Add(l["Weekdays: choose days of the week."]);
        }
        if (!rule.OnNewTickets && !rule.OnRequesterReplies) errors.Add(l["Runs on: choose new tickets, requester replies, or both."]);
        if (!rule.HasAction) errors.Add(l["Actions: choose at least one thing the rule does."]);
        return errors.Count > 0 ? (null, errors) : (rule, errors);
    }

    private static void Copy(SupportRule from, SupportRule to)
    {
        (to.Name, to.Enabled, to.StopAfter, to.OnNewTickets, to.OnRequesterReplies) = (from.Name, from.Enabled, from.StopAfter, from.OnNewTickets, from.OnRequesterReplies);
        (to.Channel, to.CategoryId, to.SubjectWords, to.BodyWords) = (from.Channel, from.CategoryId, from.SubjectWords, from.BodyWords);
        (to.MemberStatus, to.MemberPlanId, to.MemberTag) = (from.MemberStatus, from.MemberPlanId, from.MemberTag);
        (to.FromMinute, to.ToMinute, to.Weekdays, to.OutsideBusinessHours) = (from.FromMinute, from.ToMinute, from.Weekdays, from.OutsideBusinessHours);
        (to.SetCategoryId, to.SetPriority, to.AssignTo, to.AddTag) = (from.SetCategoryId, from.SetPriority, from.AssignTo, from.AddTag);
        (to.AnswerDeId, to.AnswerEnId, to.SetWaiting, to.Escalate) = (from.AnswerDeId, from.AnswerEnId, from.SetWaiting, from.Escalate);
    }

    private static T? Choice<T>(string? value, List<string> errors, string error) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (Enum.TryParse<T>(value.Trim(), out var parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(value.Trim()[0])) return parsed;
        errors.Add(error);
        return null;
    }

    private static Guid? Id(string? value, List<string> errors, string error, Func<Guid, bool> exists)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (Guid.TryParse(value, out var id) && exists(id)) return id;
        errors.Add(error);
        return null;
    }

    private static string? Words(string? value, List<string> errors, string error)
    {
        var clean = string.Join(' ', RuleMatcher.Words(value));
        if (clean.Length == 0) return null;
        if (clean.Length > SupportRule.WordsMax) errors.Add(error);
        return clean;
    }

    private static string? Tag(string? value, List<string> errors, string error, int max)
    {
        var clean = (value ?? "").Trim().ToLowerInvariant();
        if (clean.Length == 0) return null;
        if (clean.Length > max || clean.Contains(',', StringComparison.Ordinal)) errors.Add(error);
        return clean;
    }

    private static int? Minute(string? value, List<string> errors, string error)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (TimeOnly.TryParseExact(value.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time.Hour * 60 + time.Minute;
        errors.Add(error);
        return null;
    }
}
