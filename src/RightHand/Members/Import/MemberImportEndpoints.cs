using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Formats.Csv;
using RightHand.Platform.Database;

namespace RightHand.Members.Import;

/// <summary>
/// The upload (a plain endpoint: the page's form posts the file here, antiforgery checked) and the download of
/// all problems of an import as CSV.
/// </summary>
internal static class MemberImportEndpoints
{
    public static void MapMemberImport(this WebApplication app)
    {
        app.MapPost("/members/import/upload", UploadAsync).RequireAuthorization(Permissions.MembersEdit).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MemberImportFiles.MaxBytes + 1024 * 1024))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MemberImportFiles.MaxBytes + 1024 * 1024 }).ExcludeFromDescription();
        app.MapGet("/members/import/{id:guid}/problems.csv", DownloadProblemsAsync).RequireAuthorization(Permissions.MembersEdit).ExcludeFromDescription();
    }

    private static async Task<IResult> UploadAsync(HttpContext context, IAntiforgery antiforgery, MemberImports imports, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
        var form = await context.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("File");
        var source = form["SourceName"].ToString();
        if (file is null || file.Length == 0) return Results.Redirect($"/members/import?error=file&source={Uri.EscapeDataString(source)}");
        await using var content = file.OpenReadStream();
        var (result, id) = await imports.UploadAsync(content, file.FileName, source, context.User.PersonId(), ct);
        if (!result.Succeeded)
        {
            // The page shows the reasons; they travel in the query as the page has nothing stored yet.
            var reasons = string.Join("&", result.Errors.Select(e => "reason=" + Uri.EscapeDataString(e)));
            return Results.Redirect($"/members/import?source={Uri.EscapeDataString(source)}&{reasons}");
        }
        return Results.Redirect($"/members/import/{id}");
    }

    private static async Task DownloadProblemsAsync(Guid id, AppDb db, HttpContext context, CancellationToken ct)
    {
        if (!await db.MemberImports.AnyAsync(i => i.Id == id, ct))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"import-problems.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(true));
        var rows = new StringWriter(CultureInfo.InvariantCulture);
        var csv = new CsvWriter(rows);
        csv.WriteRow("row", "field", "reason");
        await foreach (var p in db.MemberImportProblems.AsNoTracking().Where(p => p.ImportId == id).OrderBy(p => p.Row).ThenBy(p => p.Id)
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.WriteRow(p.Row.ToString(CultureInfo.InvariantCulture), p.Field, p.Message);
            if (rows.GetStringBuilder().Length > 64 * 1024)
            {
                await writer.WriteAsync(rows.GetStringBuilder(), ct);
                rows.GetStringBuilder().Clear();
            }
        }
        await writer.WriteAsync(rows.GetStringBuilder(), ct);
        await writer.FlushAsync(ct);
    }
}
