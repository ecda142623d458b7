using System.Globalization;
using Microsoft.Extensions.Localization;
using RightHand.Members;
using RightHand.Support.Sla;

namespace RightHand.Support.Rules;

/// <summary>What a rule looks at on one ticket: the ticket as it is now, the message that triggered it, and the requester's membership.</summary>
internal sealed record RuleFacts(TicketChannel Channel, Guid? CategoryId, string Subject, string Body, DateTime AtUtc, RequesterFacts? Member);

/// <summary>The requester's member record as far as rules look at it; null when the requester is no member.</summary>
internal sealed record RequesterFacts(MemberStatus Status, Guid? PlanId, IReadOnlySet<string> Tags);

/// <summary>
/// Decides whether a rule's conditions hold for a ticket, without touching the database: the desk runs it on new
/// tickets and replies, and the try-run runs it on the last tickets, so both decide exactly alike.
/// </summary>
internal static class RuleMatcher
{
    public static bool Matches(SupportRule rule, RuleFacts facts, BusinessCalendar calendar)
    {
        if (rule.Channel is { } channel && facts.Channel != channel) return false;
        if (rule.CategoryId is { } category && facts.CategoryId != category) return false;
        if (!AnyWord(rule.SubjectWords, facts.Subject) || !AnyWord(rule.BodyWords, facts.Body)) return false;
        // A member condition cannot hold for a requester who is no member.
        if ((rule.MemberStatus is not null || rule.MemberPlanId is not null || rule.MemberTag is not null) && facts.Member is null) return false;
        if (rule.MemberStatus is { } status && facts.Member!.Status != status) return false;
        if (rule.MemberPlanId is { } plan && facts.Member!.PlanId != plan) return false;
        if (rule.MemberTag is { } tag && !facts.Member!.Tags.Contains(tag)) return false;
        return AtTime(rule, facts.AtUtc, calendar);
    }

    private static bool AtTime(SupportRule rule, DateTime atUtc, BusinessCalendar calendar)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(atUtc, DateTimeKind.Utc), calendar.Zone);
        if (rule.Weekdays != 0 && (rule.Weekdays & (1 << (int)local.DayOfWeek)) == 0) return false;
        if (rule.FromMinute is { } from && rule.ToMinute is { } to)
        {
            var minute = local.Hour * 60 + local.Minute;
            var inside = from <= to ? minute >= from && minute < to : minute >= from || minute < to;
            if (!inside) return false;
        }
        return !rule.OutsideBusinessHours || !calendar.IsOpen(atUtc);
    }

    /// <summary>Whether any of the words (separated by spaces or commas) occurs in the text as a whole word, case ignored. No words: true.</summary>
    public static bool AnyWord(string? words, string text)
    {
        var wanted = Words(words);
        return wanted.Count == 0 || Words(text).Overlaps(wanted);
    }

    public static HashSet<string> Words(string? text) => Answers.Faq.Words(text).ToHashSet(StringComparer.Ordinal);

    public static string Clock(int minute) => $"{(minute / 60).ToString("00", CultureInfo.InvariantCulture)}:{(minute % 60).ToString("00", CultureInfo.InvariantCulture)}";
}

/// <summary>Names of what a rule refers to (categories, people, plans, answers), for describing it in notes, lists and the try-run.</summary>
internal sealed record RuleNames(IReadOnlyDictionary<Guid, string> Categories, IReadOnlyDictionary<Guid, string> People,
    IReadOnlyDictionary<Guid, string> Plans, IReadOnlyDictionary<Guid, string> Answers)
{
    private static string Of(IReadOnlyDictionary<Guid, string> names, Guid id) => names.GetValueOrDefault(id, "?");

    /// <summary>The actions in words: "set category Billing", "add tag refund", … (what an agent reads in the rule's note).</summary>
    public List<string> Actions(SupportRule r, string? language, IStringLocalizer l)
    {
        var list = new List<string>();
        if (r.SetCategoryId is { } c) list.Add(l["set category {0}", Of(Categories, c)]);
        if (r.SetPriority is { } p) list.Add(l["set priority {0}", TicketLabels.Priority(p, l)]);
        if (r.AssignTo is { } a) list.Add(l["assign to {0}", Of(People, a)]);
        if (r.AddTag is { } t) list.Add(l["add tag {0}", t]);
        var answer = language == "en" ? r.AnswerEnId : language == "de" ? r.AnswerDeId : r.AnswerDeId ?? r.AnswerEnId;
        if (answer is { } id) list.Add(l["send the canned answer {0}", Of(Answers, id)]);
        else if (language is not null && (r.AnswerDeId ?? r.AnswerEnId) is not null) list.Add(l["no canned answer in the ticket's language"]);
        if (r.SetWaiting is { } w) list.Add(l["set state {0}", TicketLabels.State(w, l)]);
        if (r.Escalate == RuleEscalation.It) list.Add(l["hand to IT"]);
        if (r.Escalate == RuleEscalation.Owner) list.Add(l["hand to the owner"]);
        return list;
    }

    /// <summary>The conditions in words, for the list of rules.</summary>
    public List<string> Conditions(SupportRule r, IStringLocalizer l)
    {
        var list = new List<string>();
        if (r.Channel is { } ch) list.Add(l["channel is {0}", TicketLabels.Channel(ch, l)]);
        if (r.CategoryId is { } c) list.Add(l["category is {0}", Of(Categories, c)]);
        if (r.SubjectWords is { } s) list.Add(l["subject contains {0}", s]);
        if (r.BodyWords is { } b) list.Add(l["message contains {0}", b]);
        if (r.MemberStatus is { } st) list.Add(l["member status is {0}", MemberLabels.Status(st, l)]);
        if (r.MemberPlanId is { } plan) list.Add(l["plan is {0}", Of(Plans, plan)]);
        if (r.MemberTag is { } tag) list.Add(l["member has tag {0}", tag]);
        if (r.FromMinute is { } f && r.ToMinute is { } to) list.Add(l["between {0} and {1}", RuleMatcher.Clock(f), RuleMatcher.Clock(to)]);
        if (r.Weekdays != 0)
            list.Add(string.Join(", ", Enum.GetValues<DayOfWeek>().Where(d => (r.Weekdays & (1 << (int)d)) != 0).Select(d => CultureInfo.CurrentCulture.DateTimeFormat.GetAbbreviatedDayName(d))));
        if (r.OutsideBusinessHours) list.Add(l["outside business hours"]);
        return list;
    }
}
