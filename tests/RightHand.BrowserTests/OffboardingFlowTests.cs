using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;
using RightHand.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>An assistant leaves: the owner hands everything they hold over in one step and downloads the handover report.</summary>
public sealed class OffboardingFlowTests(OwnerFixture fixture) : IClassFixture<OwnerFixture>
{
    private static readonly string[] Pending = ["Answer on parking", "Answer on guest passes", "Answer on lost cards"];
    private const string DecisionTitle = "Spring mailing to all members";

    [Fact]
    public async Task Offboarding_hands_approvals_and_decisions_to_the_successor_and_signs_the_assistant_out()
    {
        var app = fixture.App;
        var t = new UiTexts(app, "en");
        var assistant = Journeys.Assistant("Otto Leaving", "en");
        var owner = await fixture.NewOwnerPageAsync();
        var page = await Journeys.BringInAsync(fixture, owner, app, t, assistant);

        // What the assistant holds: three items waiting for approval and a place in a decision ahead.
        var assistantId = await DelegationSeeds.PersonIdAsync(app, assistant.Email);
        var ownerId = await DelegationSeeds.PersonIdAsync(app, fixture.Owner.Email);
        foreach (var title in Pending) await DelegationSeeds.RequestAsync(app, "canned-answer", title, $"Hello,\n{title}.", assistantId);
        await DelegationSeeds.ProposeDecisionAsync(app, DecisionTitle, ownerId, assistantId);

        // People → Offboard.
        var people = new PeoplePage(owner, t);
        await people.OpenAsync(app.BaseUrl);
        await owner.GetByRole(AriaRole.Link, new() { Name = t.Format("Offboard {0}", assistant.Name) }).ClickAsync();
        var offboard = new OffboardPage(owner, t);
        await Expect(offboard.Heading(assistant.Name)).ToBeVisibleAsync();
        await Expect(offboard.Count("approvals")).ToHaveTextAsync("3");
        await Expect(offboard.Count("decisions")).ToHaveTextAsync("1");
        await Expect(offboard.Count("sessions")).Not.ToHaveTextAsync("0");
        await Screenshots.SaveAsync(owner, "offboard-en");

        // The owner takes over, in one step.
        await offboard.HandOverAsync($"{fixture.Owner.Name} ({t["Owner"]})");
        await Expect(offboard.Status).ToHaveTextAsync(t["Handed over. Access has ended; the report below is kept."]);
        await Expect(owner.GetByRole(AriaRole.Button, new() { Name = t["Reassign everything and revoke access"] })).ToHaveCountAsync(0);
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = t["Handover report"], Exact = true })).ToBeVisibleAsync();
        await Expect(offboard.Report).ToContainTextAsync(t.Format("Taken over by: {0}", fixture.Owner.Name));
        // The report is shown as HTML (a list, not Markdown's "- " lines); the download below stays Markdown.
        await Expect(offboard.Report.GetByRole(AriaRole.Listitem).Filter(new() { HasText = t.Format("Taken over by: {0}", fixture.Owner.Name) })).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(owner, "offboard-done-en");
        // A reload shows the kept report (the handover was a post followed by a redirect), not an error.
        await owner.ReloadAsync();
        await Expect(offboard.Report).ToContainTextAsync(t.Format("Taken over by: {0}", fixture.Owner.Name));

        // The report downloads as a file, with everything that was handed over.
        var download = await owner.RunAndWaitForDownloadAsync(() => offboard.DownloadLink.ClickAsync());
        Assert.EndsWith(".md", download.SuggestedFilename, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains(t.Format("Handover report: {0}", assistant.Name), report, StringComparison.Ordinal);
        Assert.Contains(t.Format("Taken over by: {0}", fixture.Owner.Name), report, StringComparison.Ordinal);
        foreach (var title in Pending.Append(DecisionTitle)) Assert.Contains(title, report, StringComparison.Ordinal);

        // The moved items are the owner's now, in the queue and in the decision.
        var queue = new ApprovalQueuePage(owner, t);
        await new Shell(owner, t).NavLink("Approvals").ClickAsync();
        foreach (var title in Pending) await Expect(queue.Item(title)).ToContainTextAsync(t.Format("prepared by {0}", fixture.Owner.Name));
        await people.OpenAsync(app.BaseUrl);
        await Expect(people.AccountRow(assistant.Email)).ToContainTextAsync(t.Format("revoked {0}", "").Trim());

        // The assistant's open browser is sent to sign in at the next click.
        await new Shell(page, new UiTexts(app, assistant.Language)).NavLink("Dashboard").ClickAsync();
        await Expect(page).ToHaveURLAsync(Journeys.At(app, "/signin"));
        await page.Context.CloseAsync();
        await owner.Context.CloseAsync();
    }
}
