using Microsoft.Extensions.Localization;

namespace RightHand.Audit;

/// <summary>The audit trail stores stable action codes; people read them as words in their language.</summary>
internal static class AuditActions
{
    public static string Describe(string action, IStringLocalizer l) => action switch
    {
        "created" => l["added"],
        "updated" => l["updated"],
        "deleted" => l["deleted"],
        "signed_in" => l["sign-in"],
        "sign_in_failed" => l["sign-in failed"],
        "sign_in_locked_out" => l["locked out"],
        "access_revoked" => l["access revoked"],
        "role_changed" => l["role changed"],
        "two_factor_enabled" => l["two-factor sign-in enabled"],
        "offboarded" => l["offboarded (handed over, access ended)"],
        "export_downloaded" => l["export downloaded"],
        "member_data_exported" => l["member's data exported"],
        "member_erased" => l["member's personal data erased"],
        "members_imported" => l["members imported"],
        _ => action,
    };

    /// <summary>The kind of record an entry is about, in words; a type the list does not know yet shows its code name.</summary>
    public static string DescribeEntity(string entityType, IStringLocalizer l) => entityType switch
    {
        "Person" => l["person record"],
        "Invitation" => l["invitation"],
        "UserSession" => l["sign-in session"],
        "ApiToken" => l["API token"],
        "OutgoingMail" => l["Mail"],
        "Setting" => l["setting"],
        "Passkey" => l["Passkey"],
        "WorkType" => l["Kind of work"],
        "AutonomyChange" => l["autonomy level change"],
        "ApprovalRequest" => l["approval request"],
        "Decision" => l["decision"],
        "DecisionVersion" => l["version of a decision"],
        "DecisionParticipant" => l["participant in a decision"],
        "DecisionAgreement" => l["agreement to a decision"],
        "OffboardingRecord" => l["offboarding record"],
        "DelegatedTask" => l["delegated task"],
        "ChecklistItem" => l["checklist item"],
        "TaskComment" => l["task comment"],
        "TaskTimeLog" => l["time log"],
        "TaskFile" => l["task file"],
        "RecurringTask" => l["recurring task"],
        "Playbook" => l["playbook record"],
        "PlaybookVersion" => l["playbook version"],
        "Export" => l["complete export"],
        "Member" => l["member record"],
        "MemberStatusChange" => l["member status change"],
        "MemberTag" => l["member tag"],
        "MembershipPlan" => l["membership plan"],
        "ConsentRecord" => l["consent record"],
        "Webhook" => l["webhook"],
        "SavedMemberView" => l["saved view of the member list"],
        "CustomField" => l["custom member field"],
        "CustomFieldValue" => l["value of a custom member field"],
        // Portal
        "PortalAccount" => l["portal account"],
        "PortalLink" => l["portal link (invitation, sign-in, reset)"],
        "PortalLogo" => l["portal logo"],
        "ConsentOffer" => l["consent offered in the portal"],
        "MemberImport" => l["member import"],
        "MemberImportMapping" => l["column mapping of an import source"],
        // Support
        "Ticket" => l["ticket"],
        "TicketCategory" => l["ticket category"],
        "TicketTag" => l["ticket tag"],
        "TicketMessage" => l["ticket message"],
        "TicketAttachment" => l["ticket attachment"],
        "SavedTicketView" => l["saved view of the ticket list"],
        "CannedAnswer" => l["canned answer record"],
        "SupportRule" => l["support rule"],
        "SupportMacro" => l["support macro"],
        "InboundMail" => l["received mail"],
        "Escalation" => l["ticket escalation"],
        "EscalationEvent" => l["step of an escalation"],
        _ => entityType,
    };
}
