using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Formats.Csv;
using RightHand.Platform.Database;

namespace RightHand.Members;

internal static class MemberExport
{
    private const int BatchSize = 1000;
    private static readonly string[] Header = ["number", "salutation", "first_name", "last_name", "company", "email", "phone", "language", "street",
        "postcode", "city", "country", "date_of_birth", "status", "plan", "tags", "notes", "created_at_utc"];

    /// <summary>
    /// Streams the filtered list (all pages) as CSV for spreadsheets; the writer escapes cells that a
    /// spreadsheet would run as a formula, since member data is typed in by outsiders.
    /// </summary>
    public static void MapMembers(this WebApplication app)
    {
        app.MapGet("/members/export.csv", async (AppDb db, HttpContext context, CancellationToken ct) =>
        {
            var filter = MemberFilter.From(context.Request.Query);
            var plans = await db.MembershipPlans.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            var fields = await db.CustomFields.AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct);
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"members.csv\"";
            await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(true));
            // Rows go to memory first and are copied asynchronously: the server refuses synchronous writes.
            var rows = new StringWriter(CultureInfo.InvariantCulture);
            var csv = new CsvWriter(rows);
            // Custom fields are columns named like the field, so the file reads back through the import's mapping.
            csv.WriteRow([.. Header, .. fields.Select(f => f.Name)]);
            var batch = new List<Member>(BatchSize);
            await foreach (var m in filter.Apply(db).AsAsyncEnumerable().WithCancellation(ct))
            {
                batch.Add(m);
                if (batch.Count < BatchSize) continue;
                await WriteBatchAsync(db, batch, plans, fields, csv, ct);
                await writer.WriteAsync(rows.GetStringBuilder(), ct);
                rows.GetStringBuilder().Clear();
            }
            await WriteBatchAsync(db, batch, plans, fields, csv, ct);
            await writer.WriteAsync(rows.GetStringBuilder(), ct);
            await writer.FlushAsync(ct);
        }).RequireAuthorization(Permissions.MembersRead).ExcludeFromDescription();
    }

    /// <summary>Tags and custom values for a batch of members in two queries, not two per member.</summary>
    private static async Task WriteBatchAsync(AppDb db, List<Member> batch, Dictionary<Guid, string> plans, List<CustomField> fields, CsvWriter csv, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        var ids = batch.Select(m => m.Id).ToList();
        var tags = (await db.MemberTags.AsNoTracking().Where(t => ids.Contains(t.MemberId)).ToListAsync(ct))
            .GroupBy(t => t.MemberId).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(t => t.Tag).Order(StringComparer.Ordinal)));
        var values = (await db.CustomFieldValues.AsNoTracking().Where(v => ids.Contains(v.MemberId)).ToListAsync(ct))
            .ToDictionary(v => (v.MemberId, v.FieldId), v => v.Value);
        foreach (var m in batch)
        {
            csv.WriteRow([m.Number, m.Salutation, m.FirstName, m.LastName, m.Company, m.Email, m.Phone, m.Language, m.Street, m.Postcode, m.City, m.Country,
                m.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.Status.ToString().ToLowerInvariant(),
                m.PlanId is { } p ? plans.GetValueOrDefault(p) : null, tags.GetValueOrDefault(m.Id), m.Notes, m.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                .. fields.Select(f => values.GetValueOrDefault((m.Id, f.Id)))]);
        }
        batch.Clear();
    }
}
