using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Demo;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Delegation;

/// <summary>The demo shows delegation at work (items waiting, a promotion on offer, slipping quality, a decision changed late) and a register of members.</summary>
public sealed class DelegationDemoTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheDemo_FillsEveryDelegationPage(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await using (var scope = app.Scope())
        {
            var loaded = await scope.ServiceProvider.GetRequiredService<DemoData>().LoadAsync(CultureInfo.GetCultureInfo("en"), default);
            Assert.True(loaded.Succeeded, string.Join("; ", loaded.Errors));
        }

        var queue = Html.Parse(await owner.Client.GetStringAsync("/delegation/approvals"));
        Assert.Contains("3 items waiting", queue.QuerySelector("[data-testid=waiting-count]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(queue.QuerySelector("[data-testid=diff] .diff-added"));

        var kinds = await owner.Client.GetStringAsync("/delegation/work-types");
        Assert.Contains("Move to spot-checked", kinds, StringComparison.Ordinal);

        var quality = Html.Parse(await owner.Client.GetStringAsync("/delegation/quality"));
        Assert.Contains("Maria Santos", Assert.Single(quality.QuerySelectorAll("[data-testid=quality-warning]")).TextContent, StringComparison.Ordinal);

        Assert.Single(Html.Parse(await owner.Client.GetStringAsync("/delegation/reviews")).QuerySelectorAll("[data-testid=preview]"));
        var decisions = Html.Parse(await owner.Client.GetStringAsync("/delegation/decisions"));
        Assert.Single(decisions.QuerySelectorAll("tr.late-change"));

        var tasks = await owner.Client.GetStringAsync("/delegation/tasks?view=overdue");
        Assert.Contains("Payment reminders, October", tasks, StringComparison.Ordinal);
        Assert.Contains("Weekly member statistics", await owner.Client.GetStringAsync("/delegation/playbooks"), StringComparison.Ordinal);
        var members = Html.Parse(await owner.Client.GetStringAsync("/members?status=Active"));
        Assert.Matches(@"^\d{3} members$", members.QuerySelector("[data-testid=count]")!.TextContent.Trim());
        Assert.Equal("300 members", Html.Parse(await owner.Client.GetStringAsync("/members")).QuerySelector("[data-testid=count]")!.TextContent.Trim());

        var cost = Html.Parse(await owner.Client.GetStringAsync("/")).QuerySelector("[data-testid=control-cost]")!.TextContent;
        Assert.Matches(@"You spent \d+ min checking \d+ h( \d+ min)? of delegated work \(\d+ %\)", cost);
    }
}
