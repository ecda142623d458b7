using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Support.Escalations;

/// <summary>Escalation to IT and to the owner: the desk, its read side, the API and the screenshots.</summary>
internal static class EscalationsModule
{
    public static IServiceCollection AddEscalations(this IServiceCollection services) => services
        .AddScoped<EscalationDesk>()
        .AddScoped<EscalationItems>()
        .AddScoped<EscalationTracker>()
        .AddScoped<SuggestedReplies>()
        .AddScoped<Members.Privacy.IMemberErasureStep, EscalationErasure>();

    public static IEndpointRouteBuilder MapEscalations(this IEndpointRouteBuilder app)
    {
        app.MapEscalationApi();
        // IT may not open the ticket's attachments (/support/attachments/..): only the screenshots of the report, through the escalation.
        app.MapGet("/support/escalations/{id:guid}/screenshots/{file:guid}", ScreenshotAsync).RequireAuthorization(Permissions.SupportEscalations)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ScreenshotAsync(Guid id, Guid file, HttpContext context, AppDb db, AttachmentStore store, CancellationToken ct)
    {
        var note = await db.Escalations.AsNoTracking().Where(e => e.Id == id).Select(e => e.NoteMessageId).FirstOrDefaultAsync(ct);
        var screenshot = note is null ? null : await db.TicketAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == file && a.MessageId == note, ct);
        return screenshot is null ? Results.NotFound() : AttachmentEndpoints.Send(screenshot, context, store);
    }
}
