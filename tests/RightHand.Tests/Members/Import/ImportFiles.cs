using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Members.Import;

/// <summary>Member files as spreadsheets write them, and the import steps as a person takes them on the pages.</summary>
internal static class ImportFiles
{
    static ImportFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static readonly Dictionary<string, string?> NoBackgroundJobs = new() { ["Jobs:Enabled"] = "false" };

    /// <summary>German Excel: Windows-1252, semicolons, dd.MM.yyyy, decimal commas.</summary>
    public static byte[] GermanExcel(params string[] rows) =>
        Encoding.GetEncoding(1252).GetBytes(string.Join("\r\n", ["Mitgliedsnummer;Anrede;Vorname;Nachname;E-Mail;PLZ;Ort;Land;Geburtsdatum;Status;Tarif;Beitrag", .. rows]) + "\r\n");

    public static string Write(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"righthand-import-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Uploads through the page's form (antiforgery token included) and returns the import page it leads to.</summary>
    public static async Task<string> UploadAsync(StaffSession staff, byte[] file, string source, string name = "mitglieder.csv")
    {
        var page = await Html.GetAsync(staff.Client, "/members/import");
        var token = page.QuerySelector("form[action='/members/import/upload'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(source), "SourceName" },
            { new ByteArrayContent(file) { Headers = { ContentType = new("text/csv") } }, "File", name },
        };
        var response = await staff.Client.PostAsync("/members/import/upload", upload);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Html.Location(response)!;
    }

    /// <summary>Runs the queued jobs, as the background worker would.</summary>
    public static async Task RunJobsAsync(TestApp app)
    {
        var runner = app.Services.GetRequiredService<JobRunner>();
        while (await runner.RunOneAsync(CancellationToken.None)) { }
    }

    public static async Task<T> QueryAsync<T>(TestApp app, Func<AppDb, Task<T>> query)
    {
        await using var scope = app.Scope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    public static Task<int> MemberCountAsync(TestApp app) => QueryAsync(app, db => db.Members.CountAsync());
}
