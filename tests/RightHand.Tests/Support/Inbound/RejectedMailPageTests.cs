using System.Net;
using System.Text;
using RightHand.Access;
using RightHand.Support.Inbound;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support.Inbound;

/// <summary>The owner's pages for mail in: the kept rejected mail (list, download, delete) and the receipts setting.</summary>
public sealed class RejectedMailPageTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Owner_SeesKeptMail_DownloadsItAsAFile_DeletesIt_AndTurnsReceiptsOff(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var junk = Encoding.ASCII.GetBytes("<html><script>alert(1)</script></html>\r\n");
        Assert.Equal(IntakeOutcome.Rejected, (await ReceivedMail.ReceiveAsync(app, junk)).Outcome);

        var page = await Html.GetAsync(owner.Client, "/support/rejected-mail");
        var row = Assert.Single(page.QuerySelectorAll("[data-testid=rejected-mail] tbody tr"));
        Assert.Contains("rejected: not a mail message", row.TextContent, StringComparison.Ordinal);
        var link = row.QuerySelector("a[download]")!.GetAttribute("href")!;
        var download = await owner.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(junk, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync("/support/rejected-mail/files/..%2Fappsettings.json")).StatusCode);

        var name = row.GetAttribute("data-file")!;
        await SupportPages.SentAsync(await owner.Client.SubmitAsync("/support/rejected-mail", $"delete-{name}", []), "/support/rejected-mail?done=deleted");
        Assert.Empty((await Html.GetAsync(owner.Client, "/support/rejected-mail")).QuerySelectorAll("[data-testid=rejected-mail] tbody tr"));
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataDirectory, "rejected-mail")));

        // The assistant works tickets but does not see what the mail server refused.
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        Assert.Equal("/access-denied", Html.LocationPath(await assistant.Client.GetAsync("/support/rejected-mail")));

        // Receipts are on by default; the owner turns them off on the support settings.
        Assert.NotNull((await Html.GetAsync(owner.Client, "/support/settings")).QuerySelector("input[name=ReceiptsOn][checked]"));
        await SupportPages.SentAsync(await owner.Client.SubmitAsync("/support/settings", "mail-receipts", []), "/support/settings?done=saved");
        Assert.Null((await Html.GetAsync(owner.Client, "/support/settings")).QuerySelector("input[name=ReceiptsOn][checked]"));
        await ReceivedMail.ReceiveAsync(app, ReceivedMail.Text("dora@example.org", "Question", "Hello.", "<d1@example.org>"));
        Assert.Equal(0, await ReceivedMail.QueryAsync(app, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.OutgoingMails)));
    }
}
