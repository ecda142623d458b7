using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;

namespace RightHand.Portal;

/// <summary>The member portal: its sign-in scheme, services, background job, and the few endpoints that are not pages.</summary>
internal static class PortalModule
{
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(PortalSession.Scheme, PortalSession.Configure);
        services.AddScoped<PortalSettings>();
        services.AddScoped<PortalAccounts>();
        services.AddScoped<PortalProfile>();
        services.AddScoped<IJobHandler, InvitePortalMembersJob>();
        services.AddScoped<Members.Privacy.IMemberErasureStep, PortalErasure>();
        return services;
    }

    public static void MapPortal(this WebApplication app)
    {
        // Public: the sign-in page shows the logo and colours too. The address carries the logo's hash, so it may be cached long.
        app.MapGet("/portal/logo", async (AppDb db, HttpContext http) =>
        {
            var logo = await db.PortalLogos.AsNoTracking().FirstOrDefaultAsync();
            if (logo is null) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.File(logo.Content, logo.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{logo.Sha256}\""));
        }).AllowAnonymous();
        // The owner's colours as CSS custom properties: the security policy allows no inline styles.
        app.MapGet("/portal/theme.css", async (PortalSettings settings, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Text(PortalSettings.ThemeCss(await settings.LookAsync()), "text/css");
        }).AllowAnonymous();
        app.MapPost("/members/portal/logo", UploadLogoAsync).RequireAuthorization(Permissions.MembersSettings).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(PortalLogo.MaxBytes + 64 * 1024)).ExcludeFromDescription();
        // GDPR Art. 15 for the member themselves: the same archive staff download, always of the signed-in member.
        app.MapGet("/portal/my-data.zip", async (HttpContext http, Members.Privacy.MemberDataExport export, TimeProvider clock) =>
        {
            if (http.User.MemberId() is not { } memberId) return Results.NotFound();
            http.Response.ContentType = "application/zip";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"my-data-{clock.GetUtcNow():yyyy-MM-dd}.zip\"";
            return await export.WriteAsync(memberId, http.Response.Body, http.RequestAborted) ? Results.Empty : Results.NotFound();
        }).RequireAuthorization(Permissions.PortalSelf).ExcludeFromDescription();
        app.MapPost("/portal/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(PortalSession.Scheme);
            return Results.LocalRedirect("/portal/sign-in");
        }).RequireAuthorization(Permissions.PortalSelf).WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    private static async Task<IResult> UploadLogoAsync(HttpContext context, IAntiforgery antiforgery, PortalSettings settings, CancellationToken ct)
    {
        // Checked here rather than by the middleware, so a rejected token answers 400 like the pages' forms.
        if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
        var file = (await context.Request.ReadFormAsync(ct)).Files.GetFile("Logo");
        if (file is null || file.Length == 0) return Results.Redirect("/members/portal?logo=missing");
        if (file.Length > PortalLogo.MaxBytes) return Results.Redirect("/members/portal?logo=too-large");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var result = await settings.SetLogoAsync(buffer.ToArray(), ct);
        return Results.Redirect($"/members/portal?logo={(result.Succeeded ? "saved" : "wrong-type")}");
    }
}
