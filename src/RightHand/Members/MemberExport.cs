using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RightHand.Access;
using RightHand.Formats.Csv;
using RightHand.Platform.Database;

namespace RightHand.Members;

internal static class MemberExport
{
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
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"members.csv\"";
            await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(true));
            // Rows go to memory first and are copied asynchronously: the server refuses synchronous writes.
            var rows = new StringWriter(CultureInfo.InvariantCulture);
            var csv = new CsvWriter(rows);
            csv.WriteRow("number", "salutation", "first_name", "last_name", "company", "email", "phone", "language", "street", "postcode", "city", "country",
                "date_of_birth", "status", "plan", "created_at_utc");
            await foreach (var m in filter.Apply(db).AsAsyncEnumerable().WithCancellation(ct))
            {
                csv.WriteRow(m.Number, m.Salutation, m.FirstName, m.LastName, m.Company, m.Email, m.Phone, m.Language, m.Street, m.Postcode, m.City, m.Country,
                    m.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.Status.ToString().ToLowerInvariant(),
                    m.PlanId is { } p ? plans.GetValueOrDefault(p) : null, m.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
                await writer.WriteAsync(rows.GetStringBuilder(), ct);
                rows.GetStringBuilder().Clear();
            }
            await writer.WriteAsync(rows.GetStringBuilder(), ct);
            await writer.FlushAsync(ct);
        }).RequireAuthorization(Permissions.MembersRead).ExcludeFromDescription();
    }
}
