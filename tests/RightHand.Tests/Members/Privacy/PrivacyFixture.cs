using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Members;
using RightHand.Platform.Database;
using RightHand.Platform.Mail;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Members.Privacy;

/// <summary>A member with data of every kind the register keeps, made through the pages, and a look into every table.</summary>
internal static class PrivacyFixture
{
    /// <summary>Words of Greta's data that must be gone everywhere after her erasure (compared in lower case).</summary>
    public static readonly string[] GretasValues = ["greta", "hoffmann", "lindenweg", "5550199", "allergisch", "gretas-club", "fahrrad-sattel"];

    /// <summary>Greta (German, with tag, custom value, notes, a consent and two mails) and Otto (who stays); returns Greta's number.</summary>
    public static async Task<string> CreateGretaAsync(TestApp app, StaffSession owner)
    {
        Guid field;
        await using (var scope = app.Scope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<MemberRegister>().AddFieldAsync("Lieblingsding", CustomFieldKind.Text, null)).Succeeded);
            field = await scope.ServiceProvider.GetRequiredService<AppDb>().CustomFields.Select(f => f.Id).SingleAsync();
        }
        var greta = MemberPages.Fields("Greta", "Hoffmann", "Greta.Hoffmann@example.org", tags: "Gretas-Club");
        greta["Input.Language"] = "de";
        greta["Input.Street"] = "Lindenweg 7";
        greta["Input.Phone"] = "+49 171 5550199";
        greta["Input.Notes"] = "Allergisch gegen Nüsse";
        greta["Input.DateOfBirth"] = "1984-05-17";
        greta[$"Input.Custom[{field}]"] = "Fahrrad-Sattel";
        var number = await MemberPages.CreateAsync(owner, greta);
        await MemberPages.CreateAsync(owner, MemberPages.Fields("Otto", "Normalverbraucher", "otto@example.org", tags: "Otto-Tag"));
        var consent = await owner.Client.SubmitAsync($"/members/{number}", "consent", new Dictionary<string, string>
        {
            ["Consent.Kind"] = "newsletter", ["Consent.Granted"] = "true", ["Consent.WordingVersion"] = "2026-01",
        });
        Assert.Equal($"/members/{number}?done=consent", Html.Location(consent));
        // One mail written for the member, one to her address only: the mailer finds her by it.
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var mailer = scope.ServiceProvider.GetRequiredService<Mailer>();
            var member = await db.Members.SingleAsync(m => m.Number == number);
            await mailer.QueueToMemberAsync(db, member.Id, member.Email, member.FullName, "Willkommen, Greta Hoffmann", "Hallo Greta");
            await mailer.QueueAsync(db, member.Email, "Greta H.", "Ihre Rechnung, Greta", "Hallo Greta");
            await db.SaveChangesAsync();
        }
        return number;
    }

    /// <summary>Every text column of every table in the database (not only the model's) whose value contains <paramref name="word"/>, as "table.column".</summary>
    public static async Task<List<string>> TextColumnsContainingAsync(TestApp app, string word)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var columns = new List<(string Table, string Column)>();
        var catalogue = db.IsPostgres
            ? "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')"
            : "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND (p.type = 'TEXT' OR p.type = '')";
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = catalogue;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        Assert.Contains(("members", "email"), columns);
        Assert.Contains(("audit_entries", "changes"), columns);
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE lower(CAST(\"{column}\" AS TEXT)) LIKE @word";
            var p = command.CreateParameter();
            p.ParameterName = "@word";
            p.Value = $"%{word}%";
            command.Parameters.Add(p);
            if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0) found.Add($"{table}.{column}");
        }
        return found;
    }
}
