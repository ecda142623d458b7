using System.Collections.Frozen;

namespace RightHand.Access;

/// <summary>The roles a person can hold. Staff roles sign in to the back office; Member and Shareholder only to the portal.</summary>
internal static class Roles
{
    public const string Owner = "Owner";
    public const string Assistant = "Assistant";
    public const string It = "IT";
    public const string Accountant = "Accountant";
    public const string Member = "Member";
    public const string Shareholder = "Shareholder";

    public static readonly IReadOnlyList<string> Staff = [Owner, Assistant, It, Accountant];
    public static readonly IReadOnlyList<string> All = [Owner, Assistant, It, Accountant, Member, Shareholder];

    /// <summary>Roles that reach money or shareholder data must sign in with a second factor.</summary>
    public static bool RequiresTwoFactor(string role) => role is Owner or Assistant;

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>
/// Every permission, and the one place that says which role has which. Pages and endpoints name a
/// permission as their authorization policy; a test walks every route against this map.
/// </summary>
internal static class Permissions
{
    public const string DashboardView = "dashboard.view";
    public const string PeopleManage = "people.manage";
    public const string SessionsManage = "sessions.manage";
    public const string TokensManage = "tokens.manage";
    public const string AuditRead = "audit.read";
    public const string JobsRead = "jobs.read";
    public const string OutboxRead = "outbox.read";
    /// <summary>Decide on delegated work waiting for approval, and set how much each kind of work is checked.</summary>
    public const string ApprovalsDecide = "approvals.decide";
    /// <summary>Tasks with briefs: create, work on, comment, log time; the assistant sees the feedback on their work.</summary>
    public const string TasksWork = "tasks.work";
    /// <summary>The decision log: propose, agree and change plans.</summary>
    public const string DecisionsTake = "decisions.take";
    /// <summary>Read and write the playbooks (how-tos for recurring work).</summary>
    public const string PlaybooksEdit = "playbooks.edit";
    /// <summary>Download and restore the company's complete data.</summary>
    public const string DataExport = "data.export";
    /// <summary>Whoever is signed in to the staff area: their own account, password, second factor and sessions.</summary>
    public const string AccountSelf = "account.self";
    /// <summary>See the member register: the list, a member's page, the CSV export.</summary>
    public const string MembersRead = "members.read";
    /// <summary>Create and change members, their status, tags and consents.</summary>
    public const string MembersEdit = "members.edit";
    /// <summary>The register's settings: number prefix and membership plans.</summary>
    public const string MembersSettings = "members.settings";
    /// <summary>
    /// Read and write members through the sync API (/api/v1/members). A permission of its own so that the platform's IT
    /// can run the sync with a token without seeing the register's pages; the Assistant works on the pages instead.
    /// </summary>
    public const string MembersSync = "members.sync";
    /// <summary>Erase a member's personal data (GDPR Art. 17): final, so the owner's alone.</summary>
    public const string MembersErase = "members.erase";
    /// <summary>The support desk's daily work: tickets, their views, replies, notes and triage; canned answers.</summary>
    public const string SupportWork = "support.work";
    /// <summary>The support desk's settings: ticket categories, service levels.</summary>
    public const string SupportSettings = "support.settings";
    /// <summary>
    /// Post received mail to the desk (/api/v1/inbound-mail): a permission of its own so that a mail server's token
    /// can deliver mail and do nothing else.
    /// </summary>
    public const string SupportInbound = "support.inbound";
    /// <summary>Tickets through the API (/api/v1/tickets): list, search, open, read with notes, reply and note. For the platform's IT and automation.</summary>
    public const string SupportApi = "support.api";
    /// <summary>
    /// Escalations to IT: IT's queue, an escalation's report, history and actions, and /api/v1/escalations. IT gets the
    /// report and nothing else of the desk; the assistant answers IT's questions there.
    /// </summary>
    public const string SupportEscalations = "support.escalations";
    /// <summary>The owner's queue: tickets escalated to the owner as personal matters.</summary>
    public const string SupportOwnerQueue = "support.owner-queue";
    /// <summary>A member in the portal: their own data only. Its policy also demands the portal's own sign-in (see PermissionPolicyProvider).</summary>
    public const string PortalSelf = "portal.self";

    public static readonly FrozenDictionary<string, FrozenSet<string>> ByRole = new Dictionary<string, FrozenSet<string>>
    {
        [Roles.Owner] = FrozenSet.Create(DashboardView, PeopleManage, SessionsManage, TokensManage, AuditRead, JobsRead, OutboxRead, AccountSelf, ApprovalsDecide,
            TasksWork, DecisionsTake, PlaybooksEdit, DataExport, MembersRead, MembersEdit, MembersSettings, MembersSync, MembersErase,
            SupportWork, SupportSettings, SupportInbound, SupportApi, SupportEscalations, SupportOwnerQueue),
        [Roles.Assistant] = FrozenSet.Create(DashboardView, AccountSelf, TasksWork, DecisionsTake, PlaybooksEdit, MembersRead, MembersEdit, SupportWork, SupportEscalations),
        [Roles.It] = FrozenSet.Create(DashboardView, JobsRead, AccountSelf, MembersSync, SupportInbound, SupportApi, SupportEscalations),
        [Roles.Accountant] = FrozenSet.Create(DashboardView, AccountSelf),
        [Roles.Member] = FrozenSet.Create(PortalSelf),
        [Roles.Shareholder] = FrozenSet<string>.Empty,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly IReadOnlyList<string> All = ByRole.Values.SelectMany(p => p).Distinct().Order(StringComparer.Ordinal).ToList();

    public static bool RoleHas(string? role, string permission) =>
        role is not null && ByRole.TryGetValue(role, out var granted) && granted.Contains(permission);
}
