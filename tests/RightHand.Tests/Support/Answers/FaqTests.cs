using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using RightHand.Tests.Portal;
using Xunit;

namespace RightHand.Tests.Support.Answers;

/// <summary>The members' FAQ in the portal: published answers only, in the member's language, with their own values; search; "it helped" counts.</summary>
public sealed class FaqTests
{
    private static Task<HttpResponseMessage> WriteAsync(StaffSession owner, string language, string title, string body, bool faq, string? category = null)
    {
        var fields = new Dictionary<string, string> { ["Form.Language"] = language, ["Form.Title"] = title, ["Form.Body"] = body, ["Form.Category"] = category ?? "" };
        if (faq) fields["Form.InFaq"] = "true";
        return owner.Client.SubmitAsync("/support/answers/new", "answer", fields);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AMember_ReadsThePublishedAnswersInTheirLanguage_SearchesThem_AndSaysWhichHelped(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await WriteAsync(owner, "en", "Invoice charged twice", "Hello {{member.first_name}}, we refund a double charge within five days.", true, "Payments");
        await WriteAsync(owner, "en", "Pausing a membership", "Write to us and say from when; your number {{member.number}} is kept.", true, "Membership");
        await WriteAsync(owner, "en", "Internal: refund procedure", "Check the bank statement first.", false);
        await WriteAsync(owner, "de", "Rechnung doppelt", "Hallo {{member.first_name}}, wir erstatten das.", true, "Zahlungen");
        var number = await PortalMembers.CreateAsync(app, owner, "Emily", "Evans", "emily@example.org", "en");
        var member = await PortalMembers.InviteAndAcceptAsync(app, owner, number, "emily@example.org");

        var help = await Html.GetAsync(member, "/portal/help");
        var titles = help.QuerySelectorAll("[data-testid=faq] summary").Select(s => s.TextContent).ToList();
        Assert.Equal(["Pausing a membership", "Invoice charged twice"], titles); // by category: Membership, Payments
        Assert.Contains($"your number {number} is kept", help.QuerySelector("[data-testid=faq]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("refund procedure", help.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Rechnung", help.Body!.TextContent, StringComparison.Ordinal);

        var search = await Html.GetAsync(member, "/portal/help?q=" + Uri.EscapeDataString("why was I charged twice?"));
        Assert.Equal("One answer matches your question.", search.QuerySelector("[data-testid=matches]")!.TextContent);
        var hit = search.QuerySelector("[data-testid=faq] details")!;
        Assert.Equal("Invoice charged twice", hit.QuerySelector("summary")!.TextContent);
        Assert.Contains("Hello Emily, we refund", hit.TextContent, StringComparison.Ordinal);

        var id = hit.GetAttribute("data-answer")!;
        var helped = await member.SubmitAsync("/portal/help", $"helped-{id}", new Dictionary<string, string>());
        Assert.Equal("/portal/help?thanks=true", Html.Location(helped));
        await using (var scope = app.Scope())
            Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<AppDb>().CannedAnswers.SingleAsync(a => a.Id == Guid.Parse(id))).Deflections);
        // Staff pages stay closed to the member.
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await member.GetAsync("/support/answers")).StatusCode);
    }
}
