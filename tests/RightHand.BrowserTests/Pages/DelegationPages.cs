using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;

namespace RightHand.BrowserTests.Pages;

/// <summary>/delegation/approvals: each waiting item is a card (a region named by its title) with Approve and Request changes.</summary>
public sealed class ApprovalQueuePage(IPage page, UiTexts t)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = t["Approvals"], Level = 1 });
    public ILocator Status => page.GetByRole(AriaRole.Status);
    public ILocator Error => page.GetByRole(AriaRole.Alert);

    public ILocator Item(string title) => page.GetByRole(AriaRole.Region, new() { Name = title, Exact = true });

    /// <summary>Approves one item; for money the authenticator code goes with it.</summary>
    public async Task ApproveAsync(string title, string? code = null)
    {
        var item = Item(title);
        if (code is not null) await item.GetByLabel(t["Code from your authenticator app"], new() { Exact = true }).FillAsync(code);
        await item.GetByRole(AriaRole.Button, new() { Name = t["Approve"], Exact = true }).ClickAsync();
    }

    public async Task RequestChangesAsync(string title, string comment)
    {
        var item = Item(title);
        await item.GetByLabel(t["What should change?"], new() { Exact = true }).FillAsync(comment);
        await item.GetByRole(AriaRole.Button, new() { Name = t["Request changes"], Exact = true }).ClickAsync();
    }
}

/// <summary>/delegation/work-types: a row per kind of work, the checking rules forms and the history of level changes.</summary>
public sealed class WorkTypesPage(IPage page, UiTexts t)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = t["Kinds of work"], Level = 1 });
    public ILocator Status => page.GetByRole(AriaRole.Status);

    /// <summary>The row of a kind of work in the levels table (not the checking rules), found by its name in the first cell.</summary>
    public ILocator Row(string kindOfWork) =>
        page.Locator("table:not(.rules)").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = t[kindOfWork] }) });

    public ILocator Level(string kindOfWork) => page.GetByLabel(t.Format("Level of {0}", t[kindOfWork]), new() { Exact = true });
    public ILocator PromoteButton(string kindOfWork) => Row(kindOfWork).GetByRole(AriaRole.Button, new() { Name = t["Move to spot-checked"] });
    public ILocator History => page.Locator("section.card").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = t["History"] }) }).GetByRole(AriaRole.Listitem);

    public async Task SetSpotCheckShareAsync(string kindOfWork, int percent)
    {
        // A row of the rules table; its inputs belong to the form (named "Checking rules for …") in its last cell.
        var row = page.Locator("table.rules").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = t[kindOfWork], Exact = true }) });
        await row.GetByLabel(t["Spot-check share (%)"], new() { Exact = true }).FillAsync(percent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await row.GetByRole(AriaRole.Form, new() { Name = t.Format("Checking rules for {0}", t[kindOfWork]) })
            .GetByRole(AriaRole.Button, new() { Name = t["Save"], Exact = true }).ClickAsync();
    }
}

/// <summary>/delegation/reviews: sampled items to score, or to send back.</summary>
public sealed class SpotCheckPage(IPage page, UiTexts t)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = t["Spot checks"], Level = 1 });
    public ILocator Status => page.GetByRole(AriaRole.Status);

    public ILocator Item(string title) => page.GetByRole(AriaRole.Region, new() { Name = title });

    public ILocator RecentlyReviewed(string title) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = title });

    public async Task ScoreAsync(string title, string preparedBy, int correctness, int tone, int completeness, string comment)
    {
        var item = Item(title);
        foreach (var (criterion, score) in new[] { ("Correctness", correctness), ("Tone", tone), ("Completeness", completeness) })
            await item.GetByRole(AriaRole.Group, new() { Name = t[criterion] })
                .GetByRole(AriaRole.Radio, new() { Name = score.ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true }).CheckAsync();
        await item.GetByLabel(t.Format("Comment for {0}", preparedBy), new() { Exact = true }).FillAsync(comment);
        await item.GetByRole(AriaRole.Button, new() { Name = t["Save review"] }).ClickAsync();
    }

    public async Task SendBackAsync(string title, string comment)
    {
        var item = Item(title);
        await item.GetByText(t["This is wrong: send it back"]).ClickAsync();
        await item.GetByLabel(t["What should change?"], new() { Exact = true }).FillAsync(comment);
        await item.GetByRole(AriaRole.Button, new() { Name = t["Request changes"] }).ClickAsync();
    }
}

/// <summary>/delegation/feedback: the assistant's own scores and comments.</summary>
public sealed class FeedbackPage(IPage page, UiTexts t)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = t["Feedback on my work"], Level = 1 });
    public ILocator Row(string title) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = title });
}

/// <summary>/delegation/decisions/new and /delegation/decisions/{id}.</summary>
public sealed class DecisionPages(IPage page, UiTexts t)
{
    public ILocator Status => page.GetByRole(AriaRole.Status);
    public ILocator Error => page.GetByRole(AriaRole.Alert);
    public ILocator State => page.GetByTestId("state");
    public ILocator CurrentText => page.GetByTestId("text");
    public ILocator Version(int number) => page.Locator($"article[data-version='{number}']");
    public ILocator AgreeButton(int version) => page.GetByRole(AriaRole.Button, new() { Name = t.Format("I agree to version {0}", version) });
    public ILocator Participant(string name) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });

    /// <summary>On the list: New decision, then the form; ends on the decision's own page.</summary>
    public async Task ProposeAsync(string title, string text, string eventLocal, params string[] participants)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = t["New decision"] }).ClickAsync();
        await page.GetByLabel(t["Title"], new() { Exact = true }).FillAsync(title);
        await page.GetByLabel(t["Text"], new() { Exact = true }).FillAsync(text);
        await page.GetByLabel(t["Event (optional, local time)"], new() { Exact = true }).FillAsync(eventLocal);
        var group = page.GetByRole(AriaRole.Group, new() { Name = t["Participants (they have to agree)"] });
        foreach (var name in participants) await group.GetByRole(AriaRole.Checkbox, new() { Name = name }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = t["Propose"] }).ClickAsync();
    }

    public async Task ChangeAsync(string text, string? reason)
    {
        await page.GetByLabel(t["Text"], new() { Exact = true }).FillAsync(text);
        await page.GetByLabel(t["Reason for the change"], new() { Exact = true }).FillAsync(reason ?? "");
        await page.GetByRole(AriaRole.Button, new() { Name = t["Save as new version"] }).ClickAsync();
    }
}

/// <summary>/access/people/{id}/offboard: what the person holds, the successor and the handover report.</summary>
public sealed class OffboardPage(IPage page, UiTexts t)
{
    public ILocator Heading(string name) => page.GetByRole(AriaRole.Heading, new() { Name = t.Format("Offboarding {0}", name), Level = 1 });
    public ILocator Status => page.GetByRole(AriaRole.Status);
    public ILocator Count(string kind) => page.GetByTestId("count-" + kind);
    public ILocator Report => page.GetByTestId("report");
    public ILocator DownloadLink => page.GetByRole(AriaRole.Link, new() { Name = t["Download the handover report"] });

    public async Task HandOverAsync(string successorOption)
    {
        await page.GetByLabel(t["Taken over by"], new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = successorOption });
        await page.GetByRole(AriaRole.Button, new() { Name = t["Reassign everything and revoke access"] }).ClickAsync();
    }
}
