using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Support;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support;

/// <summary>Attachments: stored once per content, 25 MB per file, risky types only ever downloaded; hostile text stays inert on the pages.</summary>
public sealed class TicketAttachmentTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Attachments_AreStoredOncePerContent_RiskyTypesDownload_AndOversizedFilesAreRefused(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var ticket = await SupportPages.OpenByMailAsync(app, "someone@example.org", "Screenshots");
        var html = Encoding.UTF8.GetBytes("<html><script>alert(document.cookie)</script></html>");

        await SupportPages.SentAsync(await SupportPages.PostMessageAsync(owner.Client, ticket.Number, "Two pictures and a page.", kind: "note",
            files: [("screen.png", "image/png", Png), ("copy of screen.png", "image/png", Png), ("page.html", "text/html", html)]),
            $"/support/tickets/{ticket.Number}?done=note");
        var store = app.Services.GetRequiredService<AttachmentStore>();
        Assert.Equal(2, Directory.GetFiles(store.Folder, "*", SearchOption.AllDirectories).Length);
        var links = (await Html.GetAsync(owner.Client, $"/support/tickets/{ticket.Number}")).QuerySelectorAll("[data-testid=attachment]")
            .ToDictionary(a => a.TextContent, a => a.GetAttribute("href")!);
        Assert.Equal(["copy of screen.png", "page.html", "screen.png"], links.Keys.Order(StringComparer.Ordinal));

        var picture = await owner.Client.GetAsync(links["screen.png"]);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal("image/png", picture.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", picture.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(Png, await picture.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("sandbox", picture.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        var page = await owner.Client.GetAsync(links["page.html"]);
        Assert.Equal("application/octet-stream", page.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", page.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("page.html", page.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/support/attachments/{Guid.NewGuid()}")).StatusCode);

        // One byte over 25 MB: refused with the file named, and neither the message nor the file is kept.
        var tooLarge = new byte[AttachmentStore.MaxBytes + 1];
        var refused = await SupportPages.PostMessageAsync(owner.Client, ticket.Number, "A video.", kind: "note", files: [("video.mp4", "video/mp4", tooLarge)]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Attachment video.mp4: a file may have at most 25 MB.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(store.Folder, "*", SearchOption.AllDirectories).Length);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.Equal(2, await db.TicketMessages.CountAsync());
        Assert.Equal(3, await db.TicketAttachments.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ScriptInSubjectBodyNameAndFileName_IsShownAsText(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        const string payload = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var ticket = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Email, new TicketRequester(null, "evil@example.org", payload), payload, payload,
            Attachments: [new NewAttachment("../../" + payload + ".txt", "text/html\"; x=<script>", new MemoryStream(Encoding.UTF8.GetBytes(payload)))]));

        foreach (var url in new[] { "/support", $"/support/tickets/{ticket.Number}" })
        {
            var document = await Html.GetAsync(owner.Client, url);
            Assert.DoesNotContain(document.QuerySelectorAll("script"), s => s.TextContent.Contains("alert", StringComparison.Ordinal));
            Assert.Empty(document.QuerySelectorAll("img[onerror]"));
            Assert.Contains(payload, document.Body!.TextContent, StringComparison.Ordinal);
        }
        var link = (await Html.GetAsync(owner.Client, $"/support/tickets/{ticket.Number}")).QuerySelector("[data-testid=attachment]")!;
        Assert.DoesNotContain("/", link.TextContent, StringComparison.Ordinal);
        var download = await owner.Client.GetAsync(link.GetAttribute("href"));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(link.TextContent, download.Content.Headers.ContentDisposition.FileNameStar);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task CompleteExport_CarriesTheAttachments_AndRestoringPutsThemBackInTheStore(Engine engine)
    {
        var archive = Path.Combine(Directory.CreateTempSubdirectory("righthand-support-export-").FullName, "all.zip");
        string sha;
        await using (var source = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }))
        {
            var owner = await StaffSession.SetUpOwnerAsync(source);
            var ticket = await SupportPages.OpenByMailAsync(source, "someone@example.org", "Screenshot");
            await SupportPages.SentAsync(await SupportPages.PostMessageAsync(owner.Client, ticket.Number, "Here it is.", kind: "note", files: [("screen.png", "image/png", Png)]),
                $"/support/tickets/{ticket.Number}?done=note");
            await using var scope = source.Scope();
            sha = (await scope.ServiceProvider.GetRequiredService<AppDb>().TicketAttachments.AsNoTracking().SingleAsync()).Sha256;
            await using var file = File.Create(archive);
            var manifest = await scope.ServiceProvider.GetRequiredService<RightHand.Platform.Export.FullExport>().WriteAsync(file);
            Assert.Contains(manifest.Files, f => f.File == $"files/{sha}");
        }

        await using var target = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        await using (var scope = target.Scope())
        {
            var restored = await scope.ServiceProvider.GetRequiredService<RightHand.Platform.Export.FullImport>().RestoreAsync(archive);
            Assert.True(restored.Succeeded, string.Join("; ", restored.Errors));
        }
        await using var content = target.Services.GetRequiredService<AttachmentStore>().OpenRead(sha);
        Assert.NotNull(content);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(Png, copy.ToArray());
    }
}
