using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Platform.Web;

internal static class PlatformEndpoints
{
    /// <summary><c>GET /health</c>: 200 with the database's state when it answers, 503 otherwise.</summary>
    public static void MapHealth(this WebApplication app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                var settings = context.RequestServices.GetRequiredService<DatabaseSettings>();
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    database = new
                    {
                        engine = settings.Engine.ToString(),
                        state = report.Entries.TryGetValue("database", out var db) ? db.Status.ToString() : "Unknown",
                        error = report.Entries.TryGetValue("database", out var e) ? e.Exception?.Message : null,
                    },
                    durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
                }));
            },
        }).AllowAnonymous().DisableHttpMetrics();

    public static void MapPlatformEndpoints(this WebApplication app)
    {
        // The language switch: a form posts here; the choice is kept in a cookie and, for a signed-in person, on their account.
        app.MapPost("/culture", async ([FromForm] string language, [FromForm] string? returnUrl, HttpContext context, AppDb db) =>
        {
            var culture = Cultures.ForLanguage(language);
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, IsEssential = true });
            if (context.User.PersonId() is { } id && await db.People.FindAsync(id) is { } person)
            {
                person.Language = Cultures.LanguageOf(culture);
                await db.SaveChangesAsync();
            }
            return Results.LocalRedirect(ReturnUrls.Local(returnUrl));
        }).AllowAnonymous();
    }
}
