using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;
using RightHand.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>A decision agreed by the owner and a German assistant, then changed: the reason is required and the assistant is told in German.</summary>
public sealed class DecisionFlowTests(OwnerFixture fixture) : IClassFixture<OwnerFixture>
{
    private const string Title = "Webinar on membership fees";
    private const string Text = "Webinar for members on the new fees.\nSlides by Friday.\nRecording afterwards.";
    private const string ChangedText = "Webinar for members on the new fees.\nSlides by Thursday.\nRecording afterwards.";
    private const string Reason = "The speaker travels on Friday.";

    [Fact]
    public async Task A_change_after_agreement_needs_a_reason_shows_the_difference_and_mails_the_assistant_in_German()
    {
        var app = fixture.App;
        var t = new UiTexts(app, "en");
        var assistant = Journeys.Assistant("Dora Dietrich", "de");
        var at = new UiTexts(app, assistant.Language);
        var owner = await fixture.NewOwnerPageAsync();
        var page = await Journeys.BringInAsync(fixture, owner, app, t, assistant);

        // The owner proposes, with both of them as participants and an event date.
        var shell = new Shell(owner, t);
        await shell.NavLink("Decisions").ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = t["Decisions"], Level = 1 })).ToBeVisibleAsync();
        var decision = new DecisionPages(owner, t);
        await Screenshots.SaveAsync(owner, "decisions-empty-en");
        await owner.GetByRole(AriaRole.Link, new() { Name = t["New decision"] }).WaitForAsync();
        await decision.ProposeAsync(Title, Text, "2027-03-01T18:00", fixture.Owner.Name, assistant.Name);
        await Expect(owner).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/delegation/decisions/[0-9a-f-]{36}$"));
        var url = owner.Url;
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        await Expect(decision.State).ToHaveTextAsync(t["proposed"]);
        await decision.AgreeButton(1).ClickAsync();
        await Expect(decision.Status).ToHaveTextAsync(t["You agreed."]);
        await Expect(decision.State).ToHaveTextAsync(t["proposed"]);
        // Reloading shows the same page (the agreement was a post followed by a redirect), not an error.
        await owner.ReloadAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        await Expect(decision.AgreeButton(1)).ToHaveCountAsync(0);

        // The assistant agrees in their own (German) browser: now it is agreed.
        await page.GotoAsync(url);
        var mine = new DecisionPages(page, at);
        await Expect(mine.CurrentText).ToHaveTextAsync(Text);
        await Screenshots.SaveAsync(page, "decision-proposed-de");
        await mine.AgreeButton(1).ClickAsync();
        await Expect(mine.Status).ToHaveTextAsync(at["You agreed."]);
        await Expect(mine.State).ToHaveTextAsync(at["agreed"]);

        // A change without a reason is refused and changes nothing.
        await owner.GotoAsync(url);
        await Expect(decision.State).ToHaveTextAsync(t["agreed"]);
        await decision.ChangeAsync(ChangedText, reason: null);
        await Expect(decision.Error).ToHaveTextAsync(t["Reason: a change after agreement needs a reason."]);
        await Expect(decision.Version(2)).ToHaveCountAsync(0);
        await Expect(decision.CurrentText).ToHaveTextAsync(Text);
        await Expect(decision.State).ToHaveTextAsync(t["agreed"]);

        // With a reason: version 2, its difference, and everyone asked to agree again.
        await decision.ChangeAsync(ChangedText, Reason);
        await Expect(decision.Status).ToHaveTextAsync(t["Saved as a new version. Everyone involved has been told."]);
        await Expect(decision.State).ToHaveTextAsync(t["changed after agreement, awaiting agreement"]);
        await Expect(decision.CurrentText).ToHaveTextAsync(ChangedText);
        var version2 = decision.Version(2);
        await Expect(version2).ToContainTextAsync(t.Format("Reason: {0}", Reason));
        await Expect(version2.Locator(".diff-removed")).ToHaveTextAsync("− Slides by Friday.");
        await Expect(version2.Locator(".diff-added")).ToHaveTextAsync("+ Slides by Thursday.");
        await Expect(decision.Participant(assistant.Name)).ToContainTextAsync(t["not yet"]);
        await Screenshots.SaveAsync(owner, "decision-changed-en");

        // The assistant's mail is in German, with the reason and the changed line.
        var outbox = new OutboxPage(owner, t);
        await outbox.OpenMailToAsync(shell, assistant.Email);
        await Expect(owner.GetByRole(AriaRole.Main)).ToContainTextAsync(at.Format("Decision changed: {0}", Title));
        await Expect(outbox.MailBody).ToContainTextAsync(at.Format("Hello {0},", assistant.Name));
        await Expect(outbox.MailBody).ToContainTextAsync(at.Format("Reason: {0}", Reason));
        await Expect(outbox.MailBody).ToContainTextAsync("+ Slides by Thursday.");
        await Expect(outbox.MailBody).ToContainTextAsync(url);
        await Screenshots.SaveAsync(owner, "outbox-decision-mail-en");

        // The assistant is asked to agree to version 2.
        await page.GotoAsync(url);
        await Expect(mine.AgreeButton(2)).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "decision-changed-de");
        await page.Context.CloseAsync();
        await owner.Context.CloseAsync();
    }
}
