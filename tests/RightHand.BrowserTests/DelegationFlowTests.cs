using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;
using RightHand.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>The owner and one enrolled assistant whose work is checked; the assistant's browser stays signed in from <see cref="AssistantState"/>.</summary>
public sealed class DelegationFixture : OwnerFixture
{
    public Person Assistant { get; } = Journeys.Assistant("Paula Preparer", "en");
    public string AssistantState { get; private set; } = "";
    public Guid AssistantId { get; private set; }
    public Guid OwnerId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var owner = await NewOwnerPageAsync();
        var page = await Journeys.BringInAsync(this, owner, App, new UiTexts(App, "en"), Assistant);
        await owner.Context.CloseAsync();
        AssistantState = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
        AssistantId = await DelegationSeeds.PersonIdAsync(App, Assistant.Email);
        OwnerId = await DelegationSeeds.PersonIdAsync(App, Owner.Email);
    }
}

/// <summary>Approvals, autonomy levels and spot checks, as the owner and the assistant click through them.</summary>
public sealed class DelegationFlowTests(DelegationFixture fixture) : IClassFixture<DelegationFixture>
{
    [Fact]
    public async Task Ten_approvals_offer_spot_checks_and_a_sent_back_item_falls_back_to_approve_each()
    {
        var app = fixture.App;
        var t = new UiTexts(app, "en");
        for (var i = 1; i <= 10; i++)
            await DelegationSeeds.RequestAsync(app, "canned-answer", $"Answer on opening hours #{i}", $"Hello,\nwe are open Monday to Friday ({i}).", fixture.AssistantId);
        var owner = await fixture.NewOwnerPageAsync();
        await owner.GotoAsync(Journeys.Url(app, "/"));
        var shell = new Shell(owner, t);

        // Ten approvals in a row, each with a click in the queue.
        await shell.NavLink("Approvals").ClickAsync();
        var queue = new ApprovalQueuePage(owner, t);
        await Expect(queue.Item("Answer on opening hours #1")).ToContainTextAsync(t.Format("prepared by {0}", fixture.Assistant.Name));
        await Screenshots.SaveAsync(owner, "approvals-canned-answers-en");
        for (var i = 1; i <= 10; i++)
        {
            await queue.ApproveAsync($"Answer on opening hours #{i}");
            await Expect(queue.Status).ToHaveTextAsync(t["Approved."]);
            await Expect(queue.Item($"Answer on opening hours #{i}")).ToHaveCountAsync(0);
        }

        // Kinds of work offers the promotion; the owner takes it and has every item checked afterwards.
        await shell.NavLink("Kinds of work").ClickAsync();
        var kinds = new WorkTypesPage(owner, t);
        await Expect(kinds.Row("Canned answer")).ToContainTextAsync("10 / 10");
        await Screenshots.SaveAsync(owner, "work-types-promotion-en");
        await kinds.PromoteButton("Canned answer").ClickAsync();
        await Expect(kinds.Status).ToHaveTextAsync(t["Moved to spot-checked."]);
        await owner.ReloadAsync(); // a GET after the redirect: the page again, not a 400 for the promotion's vanished form
        await Expect(kinds.Heading).ToBeVisibleAsync();
        await Expect(kinds.Level("Canned answer")).ToHaveValueAsync("SpotChecked");
        await Expect(kinds.PromoteButton("Canned answer")).ToHaveCountAsync(0);
        await Expect(kinds.History.First).ToContainTextAsync(t["promotion accepted"]);
        await kinds.SetSpotCheckShareAsync("Canned answer", 100);
        await Expect(kinds.Status).ToHaveTextAsync(t["Checking rules saved."]);
        await Expect(kinds.Row("Canned answer")).ToContainTextAsync("100 %");

        // The next answer goes out without waiting, and is drawn for a spot check.
        await DelegationSeeds.RequestAsync(app, "canned-answer", "Answer on membership fees", "Hello,\nthe fee is 12 € a month.", fixture.AssistantId);
        await shell.NavLink("Approvals").ClickAsync();
        await Expect(queue.Heading).ToBeVisibleAsync();
        await Expect(queue.Item("Answer on membership fees")).ToHaveCountAsync(0);
        await shell.NavLink("Spot checks").ClickAsync();
        var checks = new SpotCheckPage(owner, t);
        await Expect(checks.Item("Answer on membership fees")).ToContainTextAsync("the fee is 12 € a month.");
        await Screenshots.SaveAsync(owner, "spot-checks-en");

        // It is wrong: sent back, and the kind of work is checked item by item again.
        await checks.SendBackAsync("Answer on membership fees", "The fee is 15 € since July.");
        await Expect(checks.Status).ToHaveTextAsync(t["Sent back with your comment."]);
        await Expect(checks.Item("Answer on membership fees")).ToHaveCountAsync(0);
        await shell.NavLink("Kinds of work").ClickAsync();
        await Expect(kinds.Level("Canned answer")).ToHaveValueAsync("ApproveEach");
        await Expect(kinds.Row("Canned answer")).ToContainTextAsync("0 / 10");
        await Expect(kinds.History.First).ToContainTextAsync(
            $"{t["Canned answer"]}: {t["spot-checked"]} → {t["approve each"]} ({t["changes were requested"]})");
        await Screenshots.SaveAsync(owner, "work-types-fallen-back-en");
        await owner.Context.CloseAsync();
    }

    [Fact]
    public async Task The_owner_cannot_approve_a_payment_file_they_prepared_themselves()
    {
        var app = fixture.App;
        var t = new UiTexts(app, "en");
        await DelegationSeeds.RequestAsync(app, "payment-file", "Refund run November", "pain.001: 3 refunds, 480,00 €", fixture.OwnerId, 48_000);
        var owner = await fixture.NewOwnerPageAsync();
        await owner.GotoAsync(Journeys.Url(app, "/"));
        await new Shell(owner, t).NavLink("Approvals").ClickAsync();
        var queue = new ApprovalQueuePage(owner, t);
        var item = queue.Item("Refund run November");
        await Expect(item).ToContainTextAsync(t.Format("prepared by {0}", fixture.Owner.Name));
        await Expect(owner.GetByTestId("waiting-count")).ToHaveTextAsync(t["1 item waiting."]);
        await Expect(item.GetByRole(AriaRole.Note)).ToHaveTextAsync(
            t["Money: a second person approves, never the one who prepared it, and confirms with a code from the authenticator app."]);

        // A correct code does not help: the preparer is not the second person.
        await queue.ApproveAsync("Refund run November", Totp.Code(fixture.Owner.AuthenticatorKey!));
        await Expect(queue.Error).ToHaveTextAsync(t["Four eyes: money is approved by a second person, not by the one who prepared it."]);
        await Expect(queue.Status).ToHaveCountAsync(0);
        await Expect(item).ToBeVisibleAsync();
        await Screenshots.SaveAsync(owner, "approvals-four-eyes-refused-en");

        // Still waiting after a fresh look.
        await owner.GotoAsync(Journeys.Url(app, "/delegation/approvals"));
        await Expect(queue.Item("Refund run November")).ToBeVisibleAsync();
        await owner.Context.CloseAsync();
    }

    [Fact]
    public async Task The_owners_spot_check_scores_reach_the_assistant_as_feedback()
    {
        var app = fixture.App;
        var t = new UiTexts(app, "en");
        var assistant = fixture.Assistant;
        await DelegationSeeds.SpotCheckEverythingAsync(app, "marketing-material", fixture.OwnerId);
        await DelegationSeeds.RequestAsync(app, "marketing-material", "Flyer for the summer party", "Join us on 5 July!\nMusic, food, games.", fixture.AssistantId);

        var owner = await fixture.NewOwnerPageAsync();
        await owner.GotoAsync(Journeys.Url(app, "/"));
        var shell = new Shell(owner, t);
        await shell.NavLink("Spot checks").ClickAsync();
        var checks = new SpotCheckPage(owner, t);
        await checks.ScoreAsync("Flyer for the summer party", assistant.Name, correctness: 4, tone: 5, completeness: 3, "Add the address of the venue.");
        await Expect(checks.Status).ToHaveTextAsync(t["Review saved. The person who did the work sees it as feedback."]);
        await Expect(checks.Item("Flyer for the summer party")).ToHaveCountAsync(0);
        await Expect(checks.RecentlyReviewed("Flyer for the summer party")).ToContainTextAsync("Add the address of the venue.");
        await Screenshots.SaveAsync(owner, "spot-checks-reviewed-en");

        // The assistant, in their own browser, reads the scores and the comment.
        var page = await fixture.NewPageAsync(assistant.Language, fixture.AssistantState);
        var at = new UiTexts(app, assistant.Language);
        await page.GotoAsync(Journeys.Url(app, "/"));
        await new Shell(page, at).NavLink("Feedback on my work").ClickAsync();
        var feedback = new FeedbackPage(page, at);
        await Expect(feedback.Heading).ToBeVisibleAsync();
        var row = feedback.Row("Flyer for the summer party");
        await Expect(row.GetByRole(AriaRole.Cell)).ToContainTextAsync(["Flyer for the summer party", at["Marketing material"], "4", "5", "3", "Add the address of the venue."]);
        await Screenshots.SaveAsync(page, "feedback-en");
        await page.Context.CloseAsync();

        // The owner's view of quality, and the assistant's track record from People.
        await shell.NavLink("Quality").ClickAsync();
        var line = owner.GetByRole(AriaRole.Region, new() { Name = $"{assistant.Name} · {t["Marketing material"]}" });
        await Expect(line.GetByRole(AriaRole.Row).Filter(new() { HasText = t["Average score (1–5)"] })).ToContainTextAsync("4.0");
        await Screenshots.SaveAsync(owner, "quality-en");
        var people = new PeoplePage(owner, t);
        await people.OpenAsync(app.BaseUrl);
        await people.AccountRow(assistant.Email).GetByRole(AriaRole.Link, new() { Name = assistant.Name, Exact = true }).ClickAsync();
        await Expect(owner).ToHaveURLAsync(Journeys.At(app, $"/delegation/people/{fixture.AssistantId}"));
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(t.Format("Track record of {0}", assistant.Name));
        await Expect(owner.Locator("dl.facts")).ToContainTextAsync(t["Average spot-check score"] + "4.0");
        await Expect(owner.GetByRole(AriaRole.Region, new() { Name = t["Marketing material"] })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(owner, "track-record-en");
        await owner.Context.CloseAsync();
    }
}
