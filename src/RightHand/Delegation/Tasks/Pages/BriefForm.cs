using System.Globalization;

namespace RightHand.Delegation.Tasks.Pages;

/// <summary>The brief as the form posts it (everything as text; the page turns it into a brief).</summary>
/// <remarks>Public only because the shared form component that binds it is (Razor components are public).</remarks>
public sealed class BriefForm
{
    public string? Title { get; set; }
    public string? Goal { get; set; }
    public string? Context { get; set; }
    public string? DefinitionOfDone { get; set; }
    public string? Deadline { get; set; }
    public string? Priority { get; set; } = nameof(TaskPriority.Normal);
    public string? WorkLanguage { get; set; }
    public string? Links { get; set; }
    public string? Checklist { get; set; }
    public string? Assignee { get; set; }
    public string? Playbook { get; set; }

    internal TaskBrief ToBrief(Guid fallbackAssignee) => new(
        Title ?? "", Goal ?? "", Context ?? "", DefinitionOfDone ?? "",
        DateOnly.TryParseExact(Deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
        Enum.TryParse<TaskPriority>(Priority, out var p) && Enum.IsDefined(p) ? p : TaskPriority.Normal,
        WorkLanguage ?? "", Links ?? "", Checklist ?? "",
        Guid.TryParse(Assignee, out var a) ? a : fallbackAssignee,
        Guid.TryParse(Playbook, out var pb) ? pb : null);
}
