using System.Text;
using RightHand.Access;

namespace RightHand.Delegation.Offboarding;

internal static class OffboardingModule
{
    /// <summary>Modules add their own sources (open tasks, tickets, drafts) with AddScoped&lt;IOffboardingSource, …&gt;.</summary>
    public static IServiceCollection AddOffboarding(this IServiceCollection services) => services
        .AddScoped<Handover>()
        .AddScoped<IOffboardingSource, PendingApprovalsHeld>()
        .AddScoped<IOffboardingSource, DecisionsHeld>()
        .AddScoped<IHandoverSection, DecisionsHeld>()
        .AddScoped<IOffboardingSource, SessionsHeld>()
        .AddScoped<IOffboardingSource, ApiTokensHeld>();

    public static void MapOffboarding(this WebApplication app) =>
        // The handover report as a file: the one kept at the offboarding, or a preview before it.
        app.MapGet("/access/people/{id:guid}/handover.md", async (Guid id, Handover handover, TimeProvider clock, CancellationToken ct) =>
        {
            var report = await handover.ReportAsync(id, ct);
            if (report is null) return Results.NotFound();
            var name = $"handover-{id:N}-{clock.GetUtcNow():yyyyMMdd}.md";
            return Results.File(Encoding.UTF8.GetBytes(report), "text/markdown; charset=utf-8", name);
        }).RequireAuthorization(Permissions.PeopleManage);
}
