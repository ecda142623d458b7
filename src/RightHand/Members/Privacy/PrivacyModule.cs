using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Members.Privacy;

/// <summary>GDPR for members: the data export (Art. 15) and erasure (Art. 17).</summary>
internal static class PrivacyModule
{
    public static IServiceCollection AddMemberPrivacy(this IServiceCollection services) => services
        .AddScoped<MemberDataExport>()
        .AddScoped<MemberDataSummary>()
        .AddScoped<MemberErasure>();

    /// <summary><c>GET /members/{number}/data-export</c>: the member's data as a ZIP, for staff who answer a request for access; audited.</summary>
    public static void MapMemberPrivacy(this WebApplication app) =>
        app.MapGet("/members/{number}/data-export", async Task<Results<EmptyHttpResult, NotFound>> (string number, AppDb db, MemberDataExport export,
            HttpContext context, TimeProvider clock) =>
        {
            var id = await db.Members.AsNoTracking().Where(m => m.Number == number).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(context.RequestAborted);
            if (id is null) return TypedResults.NotFound();
            context.Response.ContentType = "application/zip";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"member-data-{Uri.EscapeDataString(number)}-{clock.GetUtcNow():yyyy-MM-dd}.zip\"";
            await export.WriteAsync(id.Value, context.Response.Body, context.RequestAborted);
            return TypedResults.Empty;
        }).RequireAuthorization(Permissions.MembersEdit);
}
