using Microsoft.Extensions.Localization;
using RightHand.Access;

namespace RightHand.Delegation.Tasks;

/// <summary>What the person briefing writes. Goal and definition of done are required: work is briefed in writing, not "on call".</summary>
internal sealed record TaskBrief(
    string Title, string Goal, string Context, string DefinitionOfDone, DateOnly? Deadline, TaskPriority Priority, string WorkLanguage,
    string Links, string Checklist, Guid AssigneeId, Guid? PlaybookId)
{
    public IReadOnlyList<string> LinkList => Lines(Links);
    public IReadOnlyList<string> ChecklistLines => Lines(Checklist);

    /// <summary>Every problem with the brief, each naming the field and the reason; empty when it can be sent.</summary>
    public List<string> Check(IStringLocalizer l)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Title)) errors.Add(l["Title: enter a short title."]);
        else if (Title.Trim().Length > 200) errors.Add(l["Title: at most {0} characters.", 200]);
        if (string.IsNullOrWhiteSpace(Goal)) errors.Add(l["Goal: say what the task is for. A brief without a goal cannot be sent."]);
        if (string.IsNullOrWhiteSpace(DefinitionOfDone)) errors.Add(l["Definition of done: say how both of you recognise that the task is finished. A brief without it cannot be sent."]);
        if (Deadline is null) errors.Add(l["Deadline: choose a date."]);
        if (WorkLanguage is not ("de" or "en")) errors.Add(l["Language of the work: choose German or English."]);
        if (LinkList.Count > DelegatedTask.MaxLinks) errors.Add(l["Links: at most {0}.", DelegatedTask.MaxLinks]);
        foreach (var link in LinkList.Where(link => !IsWebAddress(link)))
            errors.Add(l["Links: '{0}' is not a web address (http or https).", link]);
        if (ChecklistLines.Any(line => line.Length > 500)) errors.Add(l["Checklist: each item at most {0} characters.", 500]);
        if (Goal.Length > 4000 || DefinitionOfDone.Length > 4000 || Context.Length > 8000) errors.Add(l["The brief is too long."]);
        return errors;
    }

    public static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Parses what a person types as time spent: "90" (minutes), "1:30" (hours and minutes) or "1h 30m".</summary>
internal static class Duration
{
    public const int MaxMinutesPerEntry = 24 * 60;

    public static int? ParseMinutes(string? text)
    {
        var t = (text ?? "").Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (t.Length == 0) return null;
        int minutes;
        if (t.Split(':') is [var h, var m] && int.TryParse(h, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(m, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mins) && m.Length == 2 && mins < 60)
            minutes = hours * 60 + mins;
        else if (System.Text.RegularExpressions.Regex.Match(t, @"^(?:(\d{1,2})h)?(?:(\d{1,4})m(?:in)?)?$") is { Success: true } match && t.Length > 0
                 && (match.Groups[1].Success || match.Groups[2].Success))
            minutes = (match.Groups[1].Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 60 : 0)
                + (match.Groups[2].Success ? int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
        else if (int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var plain)) minutes = plain;
        else return null;
        return minutes is > 0 and <= MaxMinutesPerEntry ? minutes : null;
    }

    /// <summary>"1:05 h" — hours and minutes, as people read time sheets.</summary>
    public static string Format(int minutes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{minutes / 60}:{minutes % 60:00} h");
}
