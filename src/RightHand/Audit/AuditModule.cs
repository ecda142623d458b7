using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Formats.Csv;
using RightHand.Platform.Database;

namespace RightHand.Audit;

/// <summary>The trail's filters, shared by the viewer and the CSV export so both show the same entries.</summary>
internal sealed record AuditFilter(Guid? Person, string? Module, DateOnly? From, DateOnly? To)
{
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query)
    {
        if (Person is { } p) query = query.Where(e => e.ActorPersonId == p);
        if (!string.IsNullOrEmpty(Module)) query = query.Where(e => e.Module == Module);
        if (From is { } f) { var from = f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); query = query.Where(e => e.At >= from); }
        if (To is { } t) { var to = t.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); query = query.Where(e => e.At < to); }
        return query;
    }

    public string ToQueryString()
    {
        var parts = new List<string>();
        if (Person is { } p) parts.Add($"person={p}");
        if (!string.IsNullOrEmpty(Module)) parts.Add($"module={Uri.EscapeDataString(Module)}");
        if (From is { } f) parts.Add($"from={f:yyyy-MM-dd}");
        if (To is { } t) parts.Add($"to={t:yyyy-MM-dd}");
        return string.Join('&', parts);
    }
}

internal static class AuditModule
{
    public static void MapAudit(this WebApplication app)
    {
        // Streams the filtered trail as CSV; the file carries each entry's hash so an export can be checked later.
        app.MapGet("/audit/export.csv", async (Guid? person, string? module, DateOnly? from, DateOnly? to, AppDb db, HttpContext context, CancellationToken ct) =>
        {
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
            await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(true));
            // Rows are written to memory and copied to the response asynchronously: the server refuses
            // synchronous writes, which a StreamWriter makes whenever its buffer fills.
            var row = new StringWriter(CultureInfo.InvariantCulture);
            var csv = new CsvWriter(row);
            csv.WriteRow("seq", "at_utc", "actor", "actor_person_id", "actor_token_id", "action", "module", "entity", "entity_id", "changes", "hash");
            var query = new AuditFilter(person, module, from, to).Apply(db.AuditEntries.AsNoTracking()).OrderBy(e => e.Seq);
            await foreach (var e in query.AsAsyncEnumerable().WithCancellation(ct))
            {
                csv.WriteRow(e.Seq.ToString(CultureInfo.InvariantCulture), e.At.ToString("O", CultureInfo.InvariantCulture), e.ActorName,
                    e.ActorPersonId?.ToString(), e.ActorTokenId?.ToString(), e.Action, e.Module, e.EntityType, e.EntityId, e.Changes, e.Hash);
                await FlushRowsAsync(row, writer, ct);
            }
            await FlushRowsAsync(row, writer, ct);
        }).RequireAuthorization(Permissions.AuditRead);

        app.MapGet("/api/v1/audit", async (Guid? person, string? module, DateOnly? from, DateOnly? to, long? after, int? limit, AppDb db, CancellationToken ct) =>
            await new AuditFilter(person, module, from, to).Apply(db.AuditEntries.AsNoTracking())
                .Where(e => after == null || e.Seq > after).OrderBy(e => e.Seq).Take(Math.Clamp(limit ?? 100, 1, 1000))
                .Select(e => new AuditEntryDto(e.Seq, e.At, e.ActorName, e.ActorPersonId, e.ActorTokenId, e.Action, e.Module, e.EntityType, e.EntityId, e.Changes, e.Hash))
                .ToListAsync(ct))
            .RequireAuthorization(Permissions.AuditRead).WithTags("Audit")
            .WithSummary("Audit entries in chain order; page with `after` (the last seq you have).");
    }

    private static async Task FlushRowsAsync(StringWriter rows, StreamWriter response, CancellationToken ct)
    {
        var text = rows.GetStringBuilder();
        if (text.Length == 0) return;
        await response.WriteAsync(text, ct);
        await response.FlushAsync(ct);
        text.Clear();
    }
}

internal sealed record AuditEntryDto(long Seq, DateTime At, string Actor, Guid? ActorPersonId, Guid? ActorTokenId, string Action, string Module,
    string EntityType, string EntityId, string Changes, string Hash);
