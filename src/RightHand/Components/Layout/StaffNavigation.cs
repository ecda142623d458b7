using RightHand.Access;

namespace RightHand.Components.Layout;

/// <summary>
/// The staff area's menu. Each module adds its entries here when it is built; an entry shows only to
/// people whose role has its permission.
/// </summary>
internal sealed class StaffNavigation
{
    public sealed record Item(string Title, string Href, string Permission);
    public sealed record Group(string? Title, IReadOnlyList<Item> Items);

    public static readonly StaffNavigation Instance = new();

    /// <summary>
    /// The entry a page belongs to: the one with the longest address that the page's path starts with, so that the ticket
    /// list is not marked as well when a page under it ("/support/macros") has its own entry.
    /// </summary>
    public static Item? Current(IEnumerable<Item> items, string path) => items
        .Where(i => path == i.Href || (i.Href != "/" && path.StartsWith(i.Href + "/", StringComparison.OrdinalIgnoreCase)))
        .MaxBy(i => i.Href.Length);

    public IReadOnlyList<Group> Groups { get; } =
    [
        new(null, [new("Dashboard", "/", Permissions.DashboardView)]),
        new("Access", [
            new("People", "/access/people", Permissions.PeopleManage),
            new("Sessions", "/access/sessions", Permissions.SessionsManage),
            new("API tokens", "/access/tokens", Permissions.TokensManage),
        ]),
        new("Members", [
            new("Member list", "/members", Permissions.MembersRead),
            new("New member", "/members/new", Permissions.MembersEdit),
            new("Import", "/members/import", Permissions.MembersEdit),
            new("Register settings", "/members/settings", Permissions.MembersSettings),
            new("Webhooks", "/members/webhooks", Permissions.MembersSettings),
            new("Member portal", "/members/portal", Permissions.MembersSettings),
        ]),
        new("Support", [
            new("Tickets", "/support", Permissions.SupportWork),
            new("New ticket", "/support/tickets/new", Permissions.SupportWork),
            new("Support overview", "/support/overview", Permissions.SupportWork),
            new("Support settings", "/support/settings", Permissions.SupportSettings),
            new("Service levels", "/support/sla", Permissions.SupportSettings),
            new("Rejected mail", "/support/rejected-mail", Permissions.SupportSettings),
            new("Canned answers", "/support/answers", Permissions.SupportWork),
            new("Macros", "/support/macros", Permissions.SupportWork),
            new("Support rules", "/support/rules", Permissions.SupportSettings),
            new("Satisfaction", "/support/satisfaction", Permissions.SupportWork),
            new("IT queue", "/support/it", Permissions.SupportEscalations),
            new("Owner queue", "/support/owner", Permissions.SupportOwnerQueue),
        ]),
        new("Work", [
            new("Tasks", "/delegation/tasks", Permissions.TasksWork),
            new("Recurring tasks", "/delegation/recurring", Permissions.TasksWork),
            new("Playbooks", "/delegation/playbooks", Permissions.PlaybooksEdit),
            new("Decisions", "/delegation/decisions", Permissions.DecisionsTake),
            new("Feedback on my work", "/delegation/feedback", Permissions.TasksWork),
        ]),
        new("Control", [
            new("Approvals", "/delegation/approvals", Permissions.ApprovalsDecide),
            new("Spot checks", "/delegation/reviews", Permissions.ApprovalsDecide),
            new("Quality", "/delegation/quality", Permissions.ApprovalsDecide),
            new("Kinds of work", "/delegation/work-types", Permissions.ApprovalsDecide),
            new("Audit trail", "/audit", Permissions.AuditRead),
        ]),
        new("Platform", [
            new("Jobs", "/platform/jobs", Permissions.JobsRead),
            new("Outbox", "/platform/outbox", Permissions.OutboxRead),
            new("Export", "/platform/export", Permissions.DataExport),
        ]),
    ];
}
