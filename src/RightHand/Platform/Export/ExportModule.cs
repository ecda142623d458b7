using Microsoft.AspNetCore.Http.Features;
using RightHand.Access;

namespace RightHand.Platform.Export;

/// <summary>The full export and restore: services, and the owner's download.</summary>
internal static class ExportModule
{
    public static IServiceCollection AddExport(this IServiceCollection services) =>
        services.AddScoped<FullExport>().AddScoped<FullImport>();

    /// <summary><c>GET /platform/export/download</c>: the complete export as a zip, written while it is read, and audited.</summary>
    public static void MapExport(this WebApplication app) =>
        app.MapGet("/platform/export/download", async (HttpContext context, FullExport export, TimeProvider clock) =>
        {
            await export.RecordDownloadAsync(context.RequestAborted);
            // The zip writer writes synchronously; the alternative, a temporary copy of the whole
            // archive on disk before the first byte goes out, is worse for a large company.
            context.Features.Get<IHttpBodyControlFeature>()?.AllowSynchronousIO = true;
            context.Response.ContentType = "application/zip";
            var name = $"righthand-export-{clock.GetUtcNow():yyyy-MM-dd-HHmm}.zip";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
            await export.WriteAsync(context.Response.Body, context.RequestAborted);
        }).RequireAuthorization(Permissions.DataExport);
}
