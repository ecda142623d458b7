using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Portal;

/// <summary>What the owner and staff set up: branding, self-registration, and inviting a whole list.</summary>
public sealed class PortalOwnerTests
{
    // The smallest PNG: a 1×1 pixel.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string name, string type)
    {
        var page = await Html.GetAsync(client, "/members/portal");
        var token = page.QuerySelector("form[action='/members/portal/logo'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        form.Add(file, "Logo", name);
        return await client.PostAsync("/members/portal/logo", form);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Branding_ShowsOnThePortal_AndRefusesBadColoursAndSvg(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var look = new Dictionary<string, string>
        {
            ["Look.BusinessName"] = "Yoga Haus Lindenau", ["Look.PrimaryColour"] = "#2A6041", ["Look.AccentColour"] = "#e07a5f",
            ["Look.PrivacyUrl"] = "https://yoga.example/datenschutz", ["Look.ImprintUrl"] = "",
        };
        var bad = await owner.Client.SubmitAsync("/members/portal", "look", new Dictionary<string, string>(look) { ["Look.PrimaryColour"] = "red;}body{" });
        Assert.Contains("Primary colour:", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/members/portal?done=look", Html.Location(await owner.Client.SubmitAsync("/members/portal", "look", look)));

        Assert.Equal("/members/portal?logo=wrong-type", Html.Location(await UploadAsync(owner.Client,
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "logo.svg", "image/svg+xml")));
        Assert.Equal("/members/portal?logo=too-large", Html.Location(await UploadAsync(owner.Client, [.. Png, .. new byte[600 * 1024]], "big.png", "image/png")));
        Assert.Equal("/members/portal?logo=saved", Html.Location(await UploadAsync(owner.Client, Png, "logo.png", "image/png")));

        var visitor = app.CreateClient();
        var signIn = await Html.GetAsync(visitor, "/portal/sign-in");
        Assert.Equal("Yoga Haus Lindenau", signIn.QuerySelector("[data-testid=business-name]")!.TextContent);
        Assert.Contains("Yoga Haus Lindenau", signIn.QuerySelector("[data-testid=footer-name]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://yoga.example/datenschutz", signIn.QuerySelector("footer a")!.GetAttribute("href"));
        Assert.Null(signIn.QuerySelector(".sidebar"));
        var logoUrl = signIn.QuerySelector("[data-testid=portal-logo]")!.GetAttribute("src")!;
        var logo = await visitor.GetAsync(logoUrl);
        Assert.Equal("image/png", logo.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await logo.Content.ReadAsByteArrayAsync());
        Assert.True(logo.Headers.CacheControl!.MaxAge > TimeSpan.Zero);
        var themeUrl = signIn.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).Single(h => h.Contains("theme.css", StringComparison.Ordinal));
        var theme = await visitor.GetStringAsync("/" + themeUrl.TrimStart('/'));
        Assert.Contains("--portal-primary: #2a6041", theme, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task SelfRegistration_IsOffByDefault_AndWhenOn_TellsNobodyWhoIsAMember(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var number = await PortalMembers.CreateAsync(app, owner, "Lena", "Luchs", "lena@example.org");
        var visitor = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/portal/register")).StatusCode);

        await owner.Client.SubmitAsync("/members/portal", "look", new Dictionary<string, string>
        {
            ["Look.BusinessName"] = "Yoga Haus", ["Look.PrimaryColour"] = "#1f4e79", ["Look.AccentColour"] = "#c8553d", ["Look.SelfRegistration"] = "true",
        });
        async Task<string> RegisterAsync(string email)
        {
            var response = await app.CreateClient().SubmitAsync("/portal/register", "register", new Dictionary<string, string> { ["Email"] = email });
            return Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".alert")!.TextContent.Trim();
        }
        Assert.Equal(await RegisterAsync("lena@example.org"), await RegisterAsync("new.person@example.org"));

        // The known member confirms and gets their own record; the new address becomes a prospect once confirmed.
        var known = (await PortalMembers.LinkAsync(app, "lena@example.org", "invitation"))!;
        var lena = app.CreateClient();
        var set = await lena.SubmitAsync($"/portal/invitation/{known}", "set-password", new Dictionary<string, string> { ["Input.Password"] = PortalMembers.Password, ["Input.Confirm"] = PortalMembers.Password });
        Assert.Equal("/portal", Html.Location(set));
        Assert.Equal(number, (await Html.GetAsync(lena, "/portal")).QuerySelector("[data-testid=number]")!.TextContent);

        var fresh = (await PortalMembers.LinkAsync(app, "new.person@example.org", "invitation"))!;
        var newcomer = app.CreateClient();
        var created = await newcomer.SubmitAsync($"/portal/invitation/{fresh}", "set-password", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Nora", ["Input.LastName"] = "Neu", ["Input.Language"] = "en", ["Input.Password"] = PortalMembers.Password, ["Input.Confirm"] = PortalMembers.Password,
        });
        Assert.Equal("/portal", Html.Location(created));
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var nora = await db.Members.SingleAsync(m => m.EmailKey == "new.person@example.org");
        Assert.Equal((RightHand.Members.MemberStatus.Prospect, "Neu"), (nora.Status, nora.LastName));
        Assert.True(await db.PortalAccounts.AnyAsync(a => a.MemberId == nora.Id && a.EmailConfirmedAt != null));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task InvitingTheFilteredList_InvitesEachMemberOnce(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var first = await PortalMembers.CreateAsync(app, owner, "Olga", "Otter", "olga@example.org");
        await PortalMembers.CreateAsync(app, owner, "Paul", "Pfau", "paul@example.org");
        await PortalMembers.CreateAsync(app, owner, "Rita", "Rabe", "rita@example.org");
        await PortalMembers.InviteAsync(app, owner, first, "olga@example.org");

        var response = await owner.Client.SubmitAsync("/members?tag=VIP", "portal-invite-list", new Dictionary<string, string>());
        Assert.Equal("/members?tag=VIP&portal-invited=2&portal-queued=0", Html.Location(response));
        var again = await owner.Client.SubmitAsync("/members?tag=VIP", "portal-invite-list", new Dictionary<string, string>());
        Assert.Equal("/members?tag=VIP&portal-invited=0&portal-queued=0", Html.Location(again));
        Assert.Equal(1, await PortalMembers.MailsToAsync(app, "olga@example.org"));
        Assert.Equal(1, await PortalMembers.MailsToAsync(app, "paul@example.org"));
        Assert.Equal(1, await PortalMembers.MailsToAsync(app, "rita@example.org"));
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task InvitingALongList_RunsInTheBackground_AndARepeatedRunInvitesNobodyTwice(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await using (var scope = app.Scope())
        {
            var register = scope.ServiceProvider.GetRequiredService<RightHand.Members.MemberRegister>();
            for (var i = 1; i <= 60; i++)
            {
                var (result, _) = await register.CreateAsync(new RightHand.Members.MemberDraft(null, "Member", $"Number{i:00}", null, $"bulk{i:00}@example.org",
                    null, i % 2 == 0 ? "de" : "en", null, null, null, "DE", null, null, null, null), owner.PersonId);
                Assert.True(result.Succeeded);
            }
        }

        var response = await owner.Client.SubmitAsync("/members", "portal-invite-list", new Dictionary<string, string>());
        Assert.Equal("/members?portal-invited=60&portal-queued=1", Html.Location(response));
        Assert.Equal(0, await PortalMembers.MailsToAsync(app, "bulk01@example.org"));

        var runner = app.Services.GetRequiredService<RightHand.Platform.Jobs.JobRunner>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Assert.True(await runner.RunOneAsync(timeout.Token));
        // Pressed again while nothing is left to invite: the list is done and no job is queued.
        var again = await owner.Client.SubmitAsync("/members", "portal-invite-list", new Dictionary<string, string>());
        Assert.Equal("/members?portal-invited=0&portal-queued=0", Html.Location(again));

        await using var check = app.Scope();
        var db = check.ServiceProvider.GetRequiredService<AppDb>();
        Assert.Equal(60, await db.OutgoingMails.CountAsync(m => m.To.StartsWith("bulk")));
        Assert.Equal(60, await db.PortalLinks.Select(l => l.MemberId).Distinct().CountAsync());
        var job = await db.Jobs.SingleAsync(j => j.Kind == "portal.invite");
        Assert.Equal((RightHand.Platform.Jobs.JobState.Succeeded, 100), (job.State, job.Progress));
        Assert.Contains("Mitgliederportal", (await db.OutgoingMails.FirstAsync(m => m.To == "bulk02@example.org")).Subject, StringComparison.Ordinal);
    }
}
