using System.Globalization;

namespace RightHand.Support.Rules.Pages;

/// <summary>
/// The rule form's fields as typed, bound from the post. Every checkbox defaults to false here because an unchecked
/// box is simply missing from the post; <see cref="New"/> gives a fresh form its defaults.
/// </summary>
public sealed class RuleForm
{
    public string? Name { get; set; }
    public bool Enabled { get; set; }
    public bool StopAfter { get; set; }
    public bool OnNewTickets { get; set; }
    public bool OnRequesterReplies { get; set; }
    public string? Channel { get; set; }
    public string? Category { get; set; }
    public string? SubjectWords { get; set; }
    public string? BodyWords { get; set; }
    public string? MemberStatus { get; set; }
    public string? MemberPlan { get; set; }
    public string? MemberTag { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public string[]? Days { get; set; }
    public bool OutsideBusinessHours { get; set; }
    public string? SetCategory { get; set; }
    public string? SetPriority { get; set; }
    public string? AssignTo { get; set; }
    public string? AddTag { get; set; }
    public string? AnswerDe { get; set; }
    public string? AnswerEn { get; set; }
    public string? SetWaiting { get; set; }
    public string? Escalate { get; set; }

    public static RuleForm New() => new() { OnNewTickets = true };

    internal static RuleForm Of(SupportRule r) => new()
    {
        Name = r.Name, Enabled = r.Enabled, StopAfter = r.StopAfter, OnNewTickets = r.OnNewTickets, OnRequesterReplies = r.OnRequesterReplies,
        Channel = r.Channel?.ToString(), Category = Id(r.CategoryId), SubjectWords = r.SubjectWords, BodyWords = r.BodyWords,
        MemberStatus = r.MemberStatus?.ToString(), MemberPlan = Id(r.MemberPlanId), MemberTag = r.MemberTag,
        From = r.FromMinute is { } f ? RuleMatcher.Clock(f) : null, To = r.ToMinute is { } t ? RuleMatcher.Clock(t) : null,
        Days = [.. Enum.GetValues<DayOfWeek>().Where(d => (r.Weekdays & (1 << (int)d)) != 0).Select(d => d.ToString())],
        OutsideBusinessHours = r.OutsideBusinessHours, SetCategory = Id(r.SetCategoryId), SetPriority = r.SetPriority?.ToString(), AssignTo = Id(r.AssignTo),
        AddTag = r.AddTag, AnswerDe = Id(r.AnswerDeId), AnswerEn = Id(r.AnswerEnId), SetWaiting = r.SetWaiting?.ToString(),
        Escalate = r.Escalate == RuleEscalation.None ? null : r.Escalate.ToString(),
    };

    private static string? Id(Guid? id) => id?.ToString("D", CultureInfo.InvariantCulture);
}
