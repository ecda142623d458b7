using Microsoft.Extensions.Localization;

namespace RightHand.Support.Escalations;

/// <summary>How escalation values read on the pages and in mail, and the badge colour of a status.</summary>
internal static class EscalationLabels
{
    public static string Status(EscalationStatus status, IStringLocalizer l) => status switch
    {
        EscalationStatus.New => l["New"],
        EscalationStatus.Confirmed => l["Confirmed"],
        EscalationStatus.NeedsInformation => l["Needs information"],
        EscalationStatus.Answered => l["Information given"],
        EscalationStatus.Fixed => l["Fixed"],
        EscalationStatus.WontFix => l["Won't fix"],
        EscalationStatus.Open => l["Open"],
        _ => l["Finished"],
    };

    public static string StatusClass(EscalationStatus status) => status switch
    {
        EscalationStatus.New or EscalationStatus.Answered or EscalationStatus.Open => "off",
        EscalationStatus.NeedsInformation => "state-running",
        EscalationStatus.Fixed or EscalationStatus.Done => "ok",
        _ => "",
    };

    public static string Severity(EscalationSeverity severity, IStringLocalizer l) => severity switch
    {
        EscalationSeverity.Low => l["low"],
        EscalationSeverity.Normal => l["normal"],
        EscalationSeverity.High => l["high"],
        _ => l["critical"],
    };

    public static string Reason(OwnerReason reason, IStringLocalizer l) => reason switch
    {
        OwnerReason.AppointmentRequest => l["appointment request"],
        OwnerReason.PersonalAdvice => l["personal advice"],
        OwnerReason.Complaint => l["complaint"],
        _ => l["other"],
    };

    public static string Event(EscalationEventKind kind, IStringLocalizer l) => kind switch
    {
        EscalationEventKind.Escalated => l["escalated the ticket"],
        EscalationEventKind.Confirmed => l["confirmed the problem"],
        EscalationEventKind.AskedForInformation => l["asked for information"],
        EscalationEventKind.Answered => l["answered the question"],
        EscalationEventKind.Fixed => l["marked fixed"],
        EscalationEventKind.WontFix => l["marked won't fix"],
        EscalationEventKind.Note => l["added a note"],
        EscalationEventKind.Done => l["marked done"],
        EscalationEventKind.HandedBack => l["handed back"],
        _ => l["set the external reference"],
    };
}
