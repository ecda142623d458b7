using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;
using RightHand.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>The app with something on every page: an owner, an assistant halfway through enrolment, an open invitation and its mail.</summary>
public sealed partial class AccessibilityFixture : OwnerFixture
{
    public string AssistantState { get; private set; } = "";
    public string OpenInvitationLink { get; private set; } = "";
    public string MailUrl { get; private set; } = "";
    public Guid AdaId { get; private set; }
    public Guid DecisionId { get; private set; }
    public Guid TaskId { get; private set; }
    public Guid PlaybookId { get; private set; }
    public const string TaskTitle = "Prepare the board meeting";
    public const string PlaybookTitle = "Answering membership questions";
    public const string DecisionTitle = "Summer party 2027";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var t = new UiTexts(App, "en");
        var owner = await NewOwnerPageAsync();

        var ada = Journeys.Assistant("Ada Assistant", "en");
        var adaLink = await Journeys.InviteAsync(owner, App, t, ada);
        var adaPage = await NewPageAsync(ada.Language);
        await Journeys.AcceptUntilEnrolmentAsync(adaPage, App, adaLink, ada);
        AssistantState = await adaPage.Context.StorageStateAsync();
        await adaPage.Context.CloseAsync();

        OpenInvitationLink = await Journeys.InviteAsync(owner, App, t, Journeys.Assistant("Ben Newcomer", "de"));
        await SeedApprovalsAsync();
        await SeedReviewsAndDecisionAsync();
        await SeedTasksAsync();
        await SeedMembersAsync();
        await SeedPortalAndWebhookAsync(owner);
        await SeedSupportAsync();
        MailUrl = owner.Url;
        await owner.Context.CloseAsync();
    }

    /// <summary>Something to decide: a newsletter changed since its approval (a diff) and a payment file (four eyes).</summary>
    private async Task SeedApprovalsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var approvals = scope.ServiceProvider.GetRequiredService<RightHand.Delegation.Approvals>();
        var preparer = Guid.CreateVersion7();
        var first = await approvals.RequestAsync(new("newsletter", "Newsletters", "summer", "Sommerfest 2027", "Liebe Mitglieder,\ndas Sommerfest ist am 5. Juli.\nBis bald!", "h1", preparer));
        await approvals.ApproveAsync(first.Id, Guid.CreateVersion7(), freshSecondFactor: false);
        await approvals.RequestAsync(new("newsletter", "Newsletters", "summer", "Sommerfest 2027", "Liebe Mitglieder,\ndas Sommerfest ist am 12. Juli, ab 15 Uhr.\nBis bald!", "h2", preparer));
        await approvals.RequestAsync(new("payment-file", "Payments", "run-12", "Lastschriften Dezember", "pain.008.001.08: 42 Lastschriften, Fälligkeit 2026-12-01", "h3", preparer, 123_456));
    }

    /// <summary>
    /// Spot checks with something on them: Ada's flyer waits for a review, her poster and the owner's
    /// own post are scored (track record, quality and feedback show figures); a decision both take part in.
    /// </summary>
    private async Task SeedReviewsAndDecisionAsync()
    {
        AdaId = await DelegationSeeds.PersonIdAsync(App, "ada@example.com");
        var ownerId = await DelegationSeeds.PersonIdAsync(App, Owner.Email);
        await DelegationSeeds.SpotCheckEverythingAsync(App, "marketing-material", ownerId);
        await DelegationSeeds.RequestAsync(App, "marketing-material", "Flyer summer party", "Join us on 5 July!", AdaId);
        await DelegationSeeds.RequestAsync(App, "marketing-material", "Poster summer party", "5 July, from 3 pm", AdaId);
        await DelegationSeeds.RequestAsync(App, "marketing-material", "Post on the new opening hours", "We are open longer from May.", ownerId);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var spotChecks = scope.ServiceProvider.GetRequiredService<RightHand.Delegation.Reviews.SpotChecks>();
            var db = scope.ServiceProvider.GetRequiredService<RightHand.Platform.Database.AppDb>();
            foreach (var title in new[] { "Poster summer party", "Post on the new opening hours" })
            {
                var id = db.ApprovalRequests.Single(a => a.Title == title).Id;
                var result = await spotChecks.ScoreAsync(id, ownerId, new() { Correctness = 4, Tone = 3, Completeness = 5, Comment = "Add the venue." });
                Assert.True(result.Succeeded);
            }
        }
        DecisionId = await DelegationSeeds.ProposeDecisionAsync(App, DecisionTitle, ownerId, ownerId, AdaId);
    }
}

public sealed partial class AccessibilityFixture
{
    public Guid BulkUpdateId { get; private set; }
    public Guid WebhookId { get; private set; }
    public string MemberState { get; private set; } = "";

    /// <summary>
    /// A webhook, an offered consent, and the first English-speaking demo member in the portal: invited from the member page,
    /// password chosen through the mailed link, their cookies kept for the portal pages (which speak the member's language).
    /// </summary>
    private async Task SeedPortalAndWebhookAsync(IPage owner)
    {
        var t = new UiTexts(App, "en");
        string number;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            number = scope.ServiceProvider.GetRequiredService<RightHand.Platform.Database.AppDb>().Members
                .Where(m => m.Language == "en").OrderBy(m => m.Sequence).Select(m => m.Number).First();
            var ownerId = await DelegationSeeds.PersonIdAsync(App, Owner.Email);
            var (added, _) = await scope.ServiceProvider.GetRequiredService<RightHand.Members.Webhooks.WebhookRegistry>()
                .AddAsync("https://platform.example.org/hooks/members", ["member.created", "member.updated"], ownerId);
            Assert.True(added.Succeeded, string.Join("; ", added.Errors));
            WebhookId = scope.ServiceProvider.GetRequiredService<RightHand.Platform.Database.AppDb>().Webhooks.Single().Id;
            var offered = await scope.ServiceProvider.GetRequiredService<RightHand.Portal.PortalSettings>()
                .OfferConsentAsync("newsletter", "Newsletter", "Yes, send me the monthly newsletter. I can withdraw at any time.");
            Assert.True(offered.Succeeded, string.Join("; ", offered.Errors));
        }
        await owner.GotoAsync(Journeys.Url(App, $"/members/{number}"));
        await owner.GetByRole(AriaRole.Button, new() { Name = t["Invite to the portal"] }).ClickAsync();
        await Expect(owner.GetByTestId("portal-access")).ToContainTextAsync(t["Invitation sent."]);
        var email = await owner.Locator("#m-email").InputValueAsync();
        var outbox = new OutboxPage(owner, t);
        await outbox.OpenMailToAsync(new Shell(owner, t), email);
        var link = await outbox.PortalLinkAsync();
        var member = await NewPageAsync("en");
        await member.GotoAsync(link);
        await member.GetByLabel(t["Password"], new() { Exact = true }).FillAsync("a portal passphrase of several words");
        await member.GetByLabel(t["Repeat the password"], new() { Exact = true }).FillAsync("a portal passphrase of several words");
        await member.GetByRole(AriaRole.Button, new() { Name = t["Save password and sign in"] }).ClickAsync();
        await Expect(member.GetByTestId("number")).ToHaveTextAsync(number);
        MemberState = await member.Context.StorageStateAsync();
        await member.Context.CloseAsync();
    }

    /// <summary>The demo's members (plans, tags, consents) and a bulk update of the assistant's, waiting for approval.</summary>
    private async Task SeedMembersAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RightHand.Platform.Database.AppDb>();
        await scope.ServiceProvider.GetServices<RightHand.Platform.Demo.IDemoDataSource>().OfType<RightHand.Members.MembersDemoData>().Single()
            .LoadAsync(db, System.Globalization.CultureInfo.GetCultureInfo("en"), CancellationToken.None);
        var filter = RightHand.Members.MemberFilter.From(new Microsoft.AspNetCore.Http.QueryCollection(
            new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["tag"] = "Presse" }));
        var (result, id) = await scope.ServiceProvider.GetRequiredService<RightHand.Members.Bulk.BulkMemberUpdates>()
            .PrepareAsync(filter, new(RightHand.Members.Bulk.BulkChange.AddTag, "Sommerfest 2027", null), AdaId, isOwner: false);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        BulkUpdateId = id!.Value;
    }

    /// <summary>A playbook, the owner's own task in progress (checklist, time), a task and a recurring task for Ada.</summary>
    private async Task SeedTasksAsync()
    {
        var ownerId = await DelegationSeeds.PersonIdAsync(App, Owner.Email);
        PlaybookId = await TaskSeeds.PlaybookAsync(App, PlaybookTitle, "Mitgliederfragen beantworten", ownerId);
        TaskId = await TaskSeeds.BriefAsync(App, TaskTitle, ownerId, ownerId, PlaybookId);
        await TaskSeeds.WorkOnAsync(App, TaskId, ownerId, isOwner: true);
        await TaskSeeds.BriefAsync(App, "Answer the questions of the week", AdaId, ownerId, PlaybookId);
        await TaskSeeds.RecurringAsync(App, "Weekly newsletter draft", AdaId, ownerId);
    }
}

/// <summary>Flow 5: axe-core on every page, in the state a person sees it; no serious or critical violations.</summary>
public sealed class AccessibilityTests(AccessibilityFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<AccessibilityFixture>
{
    /// <summary>The heading each signed-in page shows (so an error page in its place does not pass).</summary>
    private static readonly Dictionary<string, string> Headings = new(StringComparer.Ordinal)
    {
        ["/account/two-factor"] = "Two-factor sign-in", ["/access/people"] = "People", ["/access/sessions"] = "Sessions",
        ["/access/tokens"] = "API tokens", ["/account"] = "My account", ["/audit"] = "Audit trail", ["/platform/jobs"] = "Jobs",
        ["/platform/outbox"] = "Outbox", ["/delegation/approvals"] = "Approvals", ["/delegation/work-types"] = "Kinds of work",
        ["/delegation/reviews"] = "Spot checks", ["/delegation/quality"] = "Quality", ["/delegation/feedback"] = "Feedback on my work",
        ["/delegation/decisions"] = "Decisions", ["/delegation/decisions/new"] = "New decision",
        ["/delegation/tasks"] = "Tasks", ["/delegation/tasks/new"] = "Brief a task", ["/delegation/recurring"] = "Recurring tasks",
        ["/delegation/playbooks"] = "Playbooks", ["/delegation/playbooks/new"] = "Write a playbook", ["/delegation/tasks/trial"] = "Trial tasks",
        ["/platform/export"] = "Export", ["/members"] = "Members", ["/members/new"] = "New member", ["/members/settings"] = "Register settings",
        ["/members/bulk"] = "Change many members", ["/members/bulk/{id}"] = "Bulk update", ["/members/{number}/erase"] = "Erase personal data",
        ["/members/webhooks"] = "Webhooks", ["/members/webhooks/{id}"] = "Webhook deliveries", ["/members/portal"] = "Member portal",
        ["/portal/sign-in"] = "Sign in to the member portal", ["/portal/profile"] = "My data", ["/portal/consents"] = "Consents", ["/support"] = "Tickets", ["/support/tickets/new"] = "New ticket",
        ["/support/settings"] = "Support settings", ["/support/sla"] = "Service levels", ["/support/answers"] = "Canned answers",
        ["/support/answers/new"] = "Write a canned answer", ["/support/overview"] = "Support overview", ["/support/satisfaction"] = "Satisfaction",
        ["/support/rules"] = "Support rules", ["/support/rules/new"] = "Write a rule", ["/support/macros"] = "Macros", ["/support/macros/new"] = "Write a macro",
        ["/support/it"] = "IT queue", ["/support/owner"] = "Owner queue",
        ["/portal/help"] = "Questions and answers", ["/portal/tickets"] = "My requests", ["/portal/tickets/new"] = "Ask a new question", ["/status/404"] = "Page not found", ["/no-such-page"] = "Page not found", ["/not-found"] = "Page not found", ["/signin"] = "Sign in",
    };

    [Theory]
    [InlineData("/setup")]
    [InlineData("/signin")]
    [InlineData("/signin (de)")]
    [InlineData("/signin/two-factor")]
    [InlineData("/account/two-factor (enrolment)")]
    [InlineData("/account/two-factor (recovery codes)")]
    [InlineData("/account/two-factor")]
    [InlineData("/")]
    [InlineData("/ (de)")]
    [InlineData("/access/people")]
    [InlineData("/access/sessions")]
    [InlineData("/access/tokens")]
    [InlineData("/account")]
    [InlineData("/audit")]
    [InlineData("/platform/jobs")]
    [InlineData("/platform/outbox")]
    [InlineData("/delegation/approvals")]
    [InlineData("/delegation/work-types")]
    [InlineData("/delegation/reviews")]
    [InlineData("/delegation/quality")]
    [InlineData("/delegation/quality (de)")]
    [InlineData("/delegation/feedback")]
    [InlineData("/delegation/decisions")]
    [InlineData("/delegation/decisions/new")]
    [InlineData("/delegation/decisions/{id}")]
    [InlineData("/delegation/decisions/{id} (de)")]
    [InlineData("/delegation/people/{id}")]
    [InlineData("/access/people/{id}/offboard")]
    [InlineData("/delegation/tasks")]
    [InlineData("/delegation/tasks (de)")]
    [InlineData("/delegation/tasks/new")]
    [InlineData("/delegation/tasks/{id}")]
    [InlineData("/delegation/recurring")]
    [InlineData("/delegation/playbooks")]
    [InlineData("/delegation/playbooks/new")]
    [InlineData("/delegation/playbooks/{id}")]
    [InlineData("/delegation/tasks/trial")]
    [InlineData("/platform/export")]
    [InlineData("/platform/outbox/{id}")]
    [InlineData("/invitation/{token}")]
    [InlineData("/invitation/{invalid}")]
    [InlineData("/members")]
    [InlineData("/members (de)")]
    [InlineData("/members/new")]
    [InlineData("/members/{number}")]
    [InlineData("/members/{number} (de)")]
    [InlineData("/members/settings")]
    [InlineData("/members/bulk")]
    [InlineData("/members/bulk/{id}")]
    [InlineData("/members/{number}/erase")]
    [InlineData("/members/webhooks")]
    [InlineData("/members/webhooks/{id}")]
    [InlineData("/members/portal")]
    [InlineData("/portal/sign-in")]
    [InlineData("/portal/sign-in (de)")]
    [InlineData("/portal")]
    [InlineData("/portal/profile")]
    [InlineData("/portal/consents")]
    [InlineData("/support")]
    [InlineData("/support (de)")]
    [InlineData("/support/tickets/{number}")]
    [InlineData("/support/tickets/new")]
    [InlineData("/support/settings")]
    [InlineData("/support/sla")]
    [InlineData("/support/answers")]
    [InlineData("/support/answers/new")]
    [InlineData("/support/answers/{id}")]
    [InlineData("/support/overview")]
    [InlineData("/support/satisfaction")]
    [InlineData("/support/rules")]
    [InlineData("/support/rules/new")]
    [InlineData("/support/rules/{id}")]
    [InlineData("/support/macros")]
    [InlineData("/support/macros (de)")]
    [InlineData("/support/macros/new")]
    [InlineData("/support/macros/{id}")]
    [InlineData("/support/it")]
    [InlineData("/support/owner")]
    [InlineData("/support/escalations/{id}")]
    [InlineData("/portal/help")]
    [InlineData("/portal/tickets")]
    [InlineData("/portal/tickets/new")]
    [InlineData("/portal/tickets/{number}")]
    [InlineData("/status/404")]
    [InlineData("/not-found")]
    [InlineData("/no-such-page")]
    public async Task Page_has_no_serious_accessibility_violations(string name)
    {
        var app = fixture.App;
        var language = name.EndsWith("(de)", StringComparison.Ordinal) ? "de" : "en";
        var path = name.Split(' ')[0];
        var t = new UiTexts(app, language);
        TestApp? blank = null;
        IPage page;
        switch (name)
        {
            case "/setup":
                // Only a fresh app without an owner shows the set-up.
                blank = await TestApp.StartAsync(Engine.Sqlite, kestrel: true);
                page = await fixture.NewPageAsync(language);
                await page.GotoAsync(Journeys.Url(blank, "/setup"));
                await Expect(new SetupPage(page, t).Heading).ToBeVisibleAsync();
                break;
            case "/signin" or "/signin (de)" or "/status/404" or "/no-such-page" or "/not-found":
                page = await fixture.NewPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, path));
                break;
            case "/signin/two-factor":
                page = await fixture.NewPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, "/signin"));
                await new SignInPage(page, t).SignInAsync(fixture.Owner.Email, fixture.Owner.Password);
                await Expect(new SignInTwoFactorPage(page, t).Heading).ToBeVisibleAsync();
                break;
            case "/account/two-factor (enrolment)":
                page = await fixture.NewPageAsync(language, fixture.AssistantState);
                await page.GotoAsync(Journeys.Url(app, path));
                await Expect(new TwoFactorEnrolmentPage(page, t).Key).ToBeVisibleAsync();
                break;
            case "/account/two-factor (recovery codes)":
            {
                var cleo = Journeys.Assistant("Cleo Codes", language);
                var owner = await fixture.NewOwnerPageAsync();
                var link = await Journeys.InviteAsync(owner, app, t, cleo);
                await owner.Context.CloseAsync();
                page = await fixture.NewPageAsync(language);
                await Journeys.AcceptUntilEnrolmentAsync(page, app, link, cleo);
                await new TwoFactorEnrolmentPage(page, t).EnrolAsync();
                await Expect(new TwoFactorEnrolmentPage(page, t).RecoveryCodes).ToHaveCountAsync(10);
                break;
            }
            case "/access/tokens":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, path));
                await page.GetByLabel(t["Name"], new() { Exact = true }).FillAsync("platform sync");
                await page.GetByRole(AriaRole.Button, new() { Name = t["Create token"] }).ClickAsync();
                await Expect(page.GetByTestId("new-token")).ToBeVisibleAsync();
                break;
            case "/platform/outbox/{id}":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(fixture.MailUrl);
                await Expect(page.GetByTestId("mail-body")).ToBeVisibleAsync();
                break;
            case "/delegation/quality (de)":
                // The seeded newsletter's preparer is no person: the heading names them on its own, in the nominative.
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, path));
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{t["Unknown person"]} · {t["Newsletter"]}", Level = 2 })).ToBeVisibleAsync();
                break;
            case "/delegation/decisions/{id}" or "/delegation/decisions/{id} (de)":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, $"/delegation/decisions/{fixture.DecisionId}"));
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(AccessibilityFixture.DecisionTitle);
                break;
            case "/delegation/people/{id}":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, $"/delegation/people/{fixture.AdaId}"));
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(t.Format("Track record of {0}", "Ada Assistant"));
                break;
            case "/access/people/{id}/offboard":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, $"/access/people/{fixture.AdaId}/offboard"));
                await Expect(new OffboardPage(page, t).Heading("Ada Assistant")).ToBeVisibleAsync();
                break;
            case "/delegation/tasks" or "/delegation/tasks (de)":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, path));
                await Expect(new TaskListPage(page, t).Row(AccessibilityFixture.TaskTitle)).ToContainTextAsync(t["in progress"]);
                break;
            case "/delegation/tasks/{id}":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, $"/delegation/tasks/{fixture.TaskId}"));
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(AccessibilityFixture.TaskTitle);
                await Expect(new TaskPage(page, t).TimeTotal).ToContainTextAsync("1:30 h");
                break;
            case "/delegation/playbooks/{id}":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, $"/delegation/playbooks/{fixture.PlaybookId}"));
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(AccessibilityFixture.PlaybookTitle);
                break;
            case "/members/{number}" or "/members/{number} (de)":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, "/members/M-10001"));
                await Expect(page.GetByTestId("number")).ToHaveTextAsync("M-10001");
                break;
            case "/members/bulk/{id}":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, $"/members/bulk/{fixture.BulkUpdateId}"));
                await Expect(page.GetByTestId("bulk-state")).ToHaveTextAsync(t["awaiting approval"]);
                break;
            case "/members/{number}/erase":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, "/members/M-10003/erase"));
                break;
            case "/members/webhooks/{id}":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, $"/members/webhooks/{fixture.WebhookId}"));
                break;
            case "/portal/sign-in" or "/portal/sign-in (de)":
                page = await fixture.NewPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, path));
                break;
            case "/support/tickets/{number}":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, $"/support/tickets/{fixture.MemberTicketNumber}"));
                await Expect(page.GetByTestId("subject")).ToHaveTextAsync(AccessibilityFixture.TicketSubject);
                break;
            case "/support/answers/{id}":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, $"/support/answers/{fixture.AnswerId}"));
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(AccessibilityFixture.AnswerTitle);
                break;
            case "/support/rules/{id}":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, $"/support/rules/{fixture.RuleId}"));
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(AccessibilityFixture.RuleName);
                break;
            case "/support/macros/{id}":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, $"/support/macros/{fixture.MacroId}"));
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(AccessibilityFixture.MacroName);
                break;
            case "/support/escalations/{id}":
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, $"/support/escalations/{fixture.EscalationId}"));
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(AccessibilityFixture.EscalationSummary);
                break;
            case "/portal/tickets/{number}":
                page = await fixture.NewPageAsync(language, fixture.MemberState);
                await page.GotoAsync(Journeys.Url(app, $"/portal/tickets/{fixture.MemberTicketNumber}"));
                await Expect(page.GetByTestId("subject")).ToHaveTextAsync(AccessibilityFixture.TicketSubject);
                break;
            case "/portal/help" or "/portal/tickets" or "/portal/tickets/new":
                page = await fixture.NewPageAsync(language, fixture.MemberState);
                await page.GotoAsync(Journeys.Url(app, path));
                break;
            case "/portal" or "/portal/profile" or "/portal/consents":
                page = await fixture.NewPageAsync(language, fixture.MemberState);
                await page.GotoAsync(Journeys.Url(app, path));
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = t["Sign out"] }).Or(page.GetByRole(AriaRole.Button, new() { Name = t["Sign out"] }))).ToBeVisibleAsync();
                break;
            case "/invitation/{token}":
                page = await fixture.NewPageAsync("de");
                await page.GotoAsync(fixture.OpenInvitationLink);
                await Expect(new InvitationPage(page, new UiTexts(app, "de")).Heading).ToBeVisibleAsync();
                language = "de";
                break;
            case "/invitation/{invalid}":
                page = await fixture.NewPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, "/invitation/not-a-real-token"));
                await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
                break;
            default:
                page = await fixture.NewOwnerPageAsync(language);
                await page.GotoAsync(Journeys.Url(app, path));
                await Expect(page).ToHaveURLAsync(Journeys.At(app, path));
                break;
        }

        try
        {
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            if (Headings.TryGetValue(path, out var heading))
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(t[heading]);
            else if (path == "/")
                await Expect(new DashboardPage(page, t).Greeting(fixture.Owner.FirstName)).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "page-" + Slug(name, language));
            await Accessibility.AssertNoSeriousViolationsAsync(page, name, output.WriteLine);
        }
        finally
        {
            await page.Context.CloseAsync();
            if (blank is not null) await blank.DisposeAsync();
        }
    }

    private static string Slug(string name, string language)
    {
        var slug = new string([.. name.Replace(" (de)", "", StringComparison.Ordinal).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        return (slug.Length == 0 ? "dashboard" : slug) + "-" + language;
    }
}
