using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Export;

/// <summary>The owner's page: what the export holds, and the download (a zip whose manifest matches, recorded in the audit trail).</summary>
public sealed class ExportDownloadTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Owner_SeesTheCounts_AndDownloadsAZipWhoseManifestMatches_AndTheDownloadIsAudited(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);

        var page = await Html.GetAsync(owner.Client, "/platform/export");
        var rows = page.QuerySelectorAll("[data-testid=export-table]")
            .ToDictionary(r => r.QuerySelector("code")!.TextContent, r => r.QuerySelectorAll("td")[1].TextContent, StringComparer.Ordinal);
        Assert.Equal("1", rows["people"]);
        Assert.Equal("8", rows["work_types"]);
        Assert.DoesNotContain("schema_migrations", rows.Keys);
        Assert.NotNull(page.QuerySelector("a[href='/platform/export/download']"));

        var response = await owner.Client.GetAsync("/platform/export/download");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment; filename=\"righthand-export-", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        Assert.Equal("righthand-export", manifest.RootElement.GetProperty("format").GetString());
        Assert.Equal(1, manifest.RootElement.GetProperty("formatVersion").GetInt32());
        foreach (var table in manifest.RootElement.GetProperty("tables").EnumerateArray())
        {
            var entry = zip.GetEntry(table.GetProperty("file").GetString()!)!;
            using var content = new MemoryStream();
            await using (var stream = entry.Open()) await stream.CopyToAsync(content);
            Assert.Equal(table.GetProperty("sha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content.ToArray())));
            Assert.Equal(table.GetProperty("rows").GetInt64(), Archives.Lines(content.ToArray()).Length);
        }
        // The download is in the audit trail, and (written before the snapshot) in the archive too.
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var audited = await db.AuditEntries.SingleAsync(e => e.Action == "export_downloaded");
        Assert.Equal(owner.PersonId, audited.ActorPersonId);
        using var audit = new StreamReader(zip.GetEntry("tables/audit_entries.jsonl")!.Open());
        Assert.Contains("\"action\":\"export_downloaded\"", await audit.ReadToEndAsync(), StringComparison.Ordinal);
    }
}
