using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Members.Import;

/// <summary>The import as the assistant does it on the pages: upload, mapping, preview, dry run, import, result.</summary>
public sealed class ImportPagesTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task GermanExcelFile_IsMappedPreviewedCheckedAndImported_GoodRowsOnly(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ImportFiles.NoBackgroundJobs);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        Ok(await owner.Client.SubmitAsync("/members/settings", "plan", new Dictionary<string, string> { ["Plan.Name"] = "Basis", ["Plan.Fee"] = "12,50", ["Plan.Interval"] = "Monthly" }));
        var file = ImportFiles.GermanExcel(
            ";Frau;Jürgen;Weiß;juergen@example.org;10115;Berlin;Deutschland;01.02.1980;aktiv;Basis;12,50",
            ";;Anna;Groß;anna@example;1011;Berlin;DE;31.02.1980;vielleicht;Gold;1,234",
            ";;Zoë;Öztürk;JUERGEN@example.org;20095;Hamburg;DE;;;;",
            ";Herr;Ben;Schmidt;ben@example.org;1010;Wien;Österreich;1985-12-24;pausiert;;");

        var pagePath = await ImportFiles.UploadAsync(assistant, file, "Altes Excel");
        var page = await Html.GetAsync(assistant.Client, pagePath);
        // The mapping was guessed from the German headers.
        Assert.Equal("first_name", page.QuerySelector("select#c-2 option[selected]")!.GetAttribute("value"));
        Assert.Equal("email", page.QuerySelector("select#c-4 option[selected]")!.GetAttribute("value"));
        Assert.Equal("date_of_birth", page.QuerySelector("select#c-8 option[selected]")!.GetAttribute("value"));
        // The preview shows the rows as they will be stored: umlauts read from Windows-1252, dates in ISO, countries as codes.
        var preview = page.QuerySelectorAll("[data-testid=preview] tbody tr");
        Assert.Equal(4, preview.Length);
        Assert.Contains("Frau Jürgen Weiß", preview[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("1980-02-01", preview[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Wien, AT", preview[3].TextContent, StringComparison.Ordinal);

        Ok(await assistant.Client.SubmitAsync(pagePath, "dry-run", new Dictionary<string, string>()));
        await ImportFiles.RunJobsAsync(app);
        page = await Html.GetAsync(assistant.Client, pagePath);
        Assert.Contains("4 rows checked, 2 of them bad.", page.QuerySelector("[data-testid=dry-run]")!.TextContent, StringComparison.Ordinal);
        var problems = page.QuerySelectorAll("[data-testid=problems] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.Contains(problems, p => p[0] == "3" && p[1] == "E-mail" && p[2].Contains("valid address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p[0] == "3" && p[1] == "Postcode" && p[2].Contains("\"1011\" is not a postcode in DE", StringComparison.Ordinal));
        Assert.Contains(problems, p => p[0] == "3" && p[1] == "Date of birth" && p[2].Contains("not a day of the calendar", StringComparison.Ordinal));
        Assert.Contains(problems, p => p[0] == "3" && p[1] == "Status" && p[2].Contains("\"vielleicht\" is not a status", StringComparison.Ordinal));
        Assert.Contains(problems, p => p[0] == "3" && p[1] == "Plan" && p[2].Contains("no plan named \"Gold\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p[0] == "4" && p[1] == "E-mail" && p[2].Contains("row 2 has the same address", StringComparison.Ordinal));
        Assert.Equal(0, await ImportFiles.MemberCountAsync(app));
        var csv = await assistant.Client.GetStringAsync(page.QuerySelector("a[href$='problems.csv']")!.GetAttribute("href"));
        Assert.StartsWith("row,field,reason", csv, StringComparison.Ordinal);
        Assert.Contains("3,plan,", csv, StringComparison.Ordinal);

        var uploads = Path.Combine(app.Services.GetRequiredService<RightHand.Platform.Database.DatabaseSettings>().DataDirectory, "imports");
        Assert.Single(Directory.GetFiles(uploads, "*.csv")); // the dry run keeps the file for the import

        Ok(await assistant.Client.SubmitAsync(pagePath, "import", new Dictionary<string, string>()));
        var running = await Html.GetAsync(assistant.Client, pagePath);
        Assert.NotNull(running.QuerySelector("[data-testid=progress] progress"));
        Assert.Equal("2", running.QuerySelector("meta[http-equiv=refresh]")!.GetAttribute("content"));
        await ImportFiles.RunJobsAsync(app);
        page = await Html.GetAsync(assistant.Client, pagePath);
        string Count(string id) => page.QuerySelector($"[data-testid={id}]")!.TextContent;
        Assert.Equal(("2", "0", "0", "2"), (Count("created"), Count("updated"), Count("unchanged"), Count("rejected")));
        Assert.Null(page.QuerySelector("meta[http-equiv=refresh]"));
        Assert.Empty(Directory.GetFiles(uploads)); // imported: the personal data in it has no reason to stay
        var stored = await ImportFiles.QueryAsync(app, db => db.Members.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync());
        Assert.Equal(["M-10001", "M-10002"], stored.Select(m => m.Number));
        Assert.Equal(("Jürgen", "Weiß", new DateOnly(1980, 2, 1), "DE", RightHand.Members.MemberStatus.Active), (stored[0].FirstName, stored[0].LastName, stored[0].DateOfBirth!.Value, stored[0].Country!, stored[0].Status));
        Assert.Equal(("AT", RightHand.Members.MemberStatus.Paused), (stored[1].Country!, stored[1].Status));
        Assert.NotNull(stored[0].PlanId);
        // The member pages read the rows the bulk insert wrote.
        Assert.Contains("Jürgen Weiß", (await Html.GetAsync(assistant.Client, "/members/M-10001")).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await ImportFiles.QueryAsync(app, db => db.MemberEvents.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task MappingChangedForASource_IsProposedForTheNextFileFromThere(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ImportFiles.NoBackgroundJobs);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var file = "Kundennr,Name,Mail,Notiz\r\n1,Weber,weber@example.org,VIP\r\n"u8.ToArray();
        var first = await ImportFiles.UploadAsync(owner, file, "Shopify");
        var page = await Html.GetAsync(owner.Client, first);
        Assert.Equal(["ignore", "ignore", "email", "notes"], Enumerable.Range(0, 4).Select(i => page.QuerySelector($"select#c-{i} option[selected]")!.GetAttribute("value")!));

        var saved = await owner.Client.SubmitAsync(first, "options", new Dictionary<string, string>
        {
            ["Options.Columns[0]"] = "ignore", ["Options.Columns[1]"] = "last_name", ["Options.Columns[2]"] = "email", ["Options.Columns[3]"] = "tags",
            ["Options.Key"] = "Email", ["Options.Mode"] = "GoodRows",
        });
        Assert.Contains("Columns and options saved.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var second = await ImportFiles.UploadAsync(owner, "Mail,Name,Kundennr,Notiz,Land\r\nx@example.org,Kim,2,,DE\r\n"u8.ToArray(), "Shopify");
        page = await Html.GetAsync(owner.Client, second);
        Assert.Equal(["email", "last_name", "ignore", "tags", "country"], Enumerable.Range(0, 5).Select(i => page.QuerySelector($"select#c-{i} option[selected]")!.GetAttribute("value")!));
        var other = await Html.GetAsync(owner.Client, await ImportFiles.UploadAsync(owner, file, "Newsletter-Tool"));
        Assert.Equal("ignore", other.QuerySelector("select#c-1 option[selected]")!.GetAttribute("value"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AllOrNothing_WithABadRow_RefusesToImport_AndWritesNothing(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ImportFiles.NoBackgroundJobs);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var path = await ImportFiles.UploadAsync(owner, ImportFiles.GermanExcel(";;Anna;Berg;anna@example.org;10115;Berlin;DE;;;;", ";;Ben;Kurz;kein-at-zeichen;10115;Berlin;DE;;;;"), "Excel");
        var options = new Dictionary<string, string> { ["Options.Key"] = "Number", ["Options.Mode"] = "AllOrNothing" };
        var page = await Html.GetAsync(owner.Client, path);
        foreach (var select in page.QuerySelectorAll("select[name^='Options.Columns']"))
            options[select.GetAttribute("name")!] = select.QuerySelector("option[selected]")!.GetAttribute("value")!;
        Ok(await owner.Client.SubmitAsync(path, "options", options));

        var refused = await owner.Client.SubmitAsync(path, "import", new Dictionary<string, string>());
        Assert.Contains("run the dry run first", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Ok(await owner.Client.SubmitAsync(path, "dry-run", new Dictionary<string, string>()));
        await ImportFiles.RunJobsAsync(app);
        refused = await owner.Client.SubmitAsync(path, "import", new Dictionary<string, string>());
        Assert.Contains("the dry run found bad rows", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ImportFiles.RunJobsAsync(app);
        Assert.Equal(0, await ImportFiles.MemberCountAsync(app));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Upload_OfAFileThatIsNotCsv_IsRefusedWithTheReason(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ImportFiles.NoBackgroundJobs);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var location = await ImportFiles.UploadAsync(owner, [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0, 0xFF, 0xFE, 0, 0], "Bilder");
        Assert.StartsWith("/members/import?", location, StringComparison.Ordinal);
        var page = await Html.GetAsync(owner.Client, location);
        Assert.Contains("not a CSV text file", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync("/members/import")).StatusCode);
    }

    /// <summary>A form's answer: the page again, or a redirect to it; never an error.</summary>
    private static void Ok(HttpResponseMessage response) => Assert.True((int)response.StatusCode < 400, $"{response.StatusCode}");
}
