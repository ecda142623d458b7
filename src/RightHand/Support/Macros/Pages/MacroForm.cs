using System.Globalization;

namespace RightHand.Support.Macros.Pages;

/// <summary>The macro form's fields as typed, bound from the post.</summary>
public sealed class MacroForm
{
    public string? Name { get; set; }
    public string? AnswerDe { get; set; }
    public string? AnswerEn { get; set; }
    public string? StateAfter { get; set; }
    public string? Tags { get; set; }
    public MacroAssignee Assignee { get; set; }
    public string? AssigneeId { get; set; }

    internal static MacroForm From(SupportMacro m) => new()
    {
        Name = m.Name, AnswerDe = Id(m.AnswerDeId), AnswerEn = Id(m.AnswerEnId), StateAfter = m.StateAfter?.ToString(), Tags = m.Tags?.Replace(",", ", ", StringComparison.Ordinal),
        Assignee = m.Assignee, AssigneeId = Id(m.AssigneeId),
    };

    private static string? Id(Guid? id) => id?.ToString("D", CultureInfo.InvariantCulture);
}
