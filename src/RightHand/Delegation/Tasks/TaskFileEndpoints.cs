using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Delegation.Tasks;

/// <summary>
/// Uploading and downloading a task's files. Plain endpoints: a static page's form posts the file here
/// (antiforgery checked), and a download is always an attachment, so a file never renders in the app's origin.
/// </summary>
internal static class TaskFileEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/delegation/tasks/{id:guid}/files", UploadAsync).RequireAuthorization(Permissions.TasksWork).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(TaskFile.MaxBytes + 1024 * 1024)).ExcludeFromDescription();
        app.MapGet("/delegation/tasks/{id:guid}/files/{fileId:guid}", DownloadAsync).RequireAuthorization(Permissions.TasksWork).ExcludeFromDescription();
    }

    private static async Task<IResult> UploadAsync(Guid id, HttpContext context, IAntiforgery antiforgery, DelegatedTasks tasks, CancellationToken ct)
    {
        // Checked here rather than by the middleware, so a rejected token answers 400 like the pages' forms.
        if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
        var form = await context.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("File");
        var by = TaskActor.From(context.User);
        if (file is null) return Results.Redirect($"/delegation/tasks/{id}?file=missing");
        if (file.Length > TaskFile.MaxBytes) return Results.Redirect($"/delegation/tasks/{id}?file=too-large");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var result = await tasks.AttachAsync(id, file.FileName, file.ContentType, buffer.ToArray(), by, ct);
        if (!result.Succeeded && await tasks.FindAsync(id, by, ct) is null) return Results.NotFound();
        return Results.Redirect($"/delegation/tasks/{id}?file={(result.Succeeded ? "attached" : "missing")}");
    }

    private static async Task<IResult> DownloadAsync(Guid id, Guid fileId, HttpContext context, DelegatedTasks tasks, AppDb db, CancellationToken ct)
    {
        if (await tasks.FindAsync(id, TaskActor.From(context.User), ct) is null) return Results.NotFound();
        var file = await db.TaskFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.TaskId == id, ct);
        if (file is null) return Results.NotFound();
        context.Response.Headers.XContentTypeOptions = "nosniff";
        // Whatever the uploader claimed, the browser gets bytes to save, not a page to render.
        return Results.File(file.Content, "application/octet-stream", file.Name);
    }
}
