namespace RightHand.Support.Escalations.Pages;

/// <summary>The "Escalate to IT" form: the report as typed; severity by name.</summary>
public sealed class ItReportInput
{
    public string? Summary { get; set; }
    public string? StepsToReproduce { get; set; }
    public string? Expected { get; set; }
    public string? Actual { get; set; }
    public string? AffectedMember { get; set; }
    public string? Environment { get; set; }
    public string? Severity { get; set; }
}

/// <summary>The "Escalate to owner" form: reason by name and the note.</summary>
public sealed class OwnerEscalationInput
{
    public string? Reason { get; set; }
    public string? Note { get; set; }
}

/// <summary>An action on an escalation's page: what to do (by name) and the text that goes with it.</summary>
public sealed class EscalationActionInput
{
    public string? Action { get; set; }
    public string? Text { get; set; }
}
