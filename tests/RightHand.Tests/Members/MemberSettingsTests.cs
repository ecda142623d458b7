using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Members;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Members;

/// <summary>The owner changes and removes plans and custom fields without stranding a member's data.</summary>
public sealed class MemberSettingsTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task PlansAndFields_CanBeChanged_AndRemovedOnlyWithoutStrandingMembers(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        await owner.Client.SubmitAsync("/members/settings", "plan", new Dictionary<string, string> { ["Plan.Name"] = "Basis", ["Plan.Fee"] = "9,00", ["Plan.Interval"] = "Monthly" });
        await owner.Client.SubmitAsync("/members/settings", "plan", new Dictionary<string, string> { ["Plan.Name"] = "Gold", ["Plan.Fee"] = "20", ["Plan.Interval"] = "Monthly" });
        await owner.Client.SubmitAsync("/members/settings", "field", new Dictionary<string, string> { ["Field.Name"] = "Size", ["Field.Kind"] = "Choice", ["Field.Options"] = "S\nM\nL" });
        Dictionary<string, Guid> plans;
        Guid size;
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            plans = await db.MembershipPlans.ToDictionaryAsync(p => p.Name, p => p.Id);
            size = (await db.CustomFields.SingleAsync()).Id;
        }
        var fields = MemberPages.Fields("Anna", "Schmidt", "anna@example.org", plan: plans["Gold"].ToString());
        fields[$"Input.Custom[{size}]"] = "M";
        await MemberPages.CreateAsync(owner, fields);

        // Edit the plan through its row's form; a clash of names is refused and changes nothing.
        var clash = await owner.Client.SubmitAsync("/members/settings", $"plan-{plans["Gold"]}", new Dictionary<string, string> { ["EditPlan.Name"] = "Basis", ["EditPlan.Fee"] = "25", ["EditPlan.Interval"] = "Yearly" });
        Assert.Contains("Plan name: a plan with this name exists already.", await clash.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var saved = await owner.Client.SubmitAsync("/members/settings", $"plan-{plans["Gold"]}", new Dictionary<string, string> { ["EditPlan.Name"] = "Gold plus", ["EditPlan.Fee"] = "25,50", ["EditPlan.Interval"] = "Yearly" });
        Assert.Equal("/members/settings?done=plan-saved", Html.Location(saved));
        var page = await Html.GetAsync(owner.Client, "/members/settings");
        var row = page.QuerySelector("tr[data-plan='Gold plus']")!;
        Assert.Contains("25.50", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("yearly", row.TextContent, StringComparison.Ordinal);

        // A plan with members stays; an unused one goes.
        var inUse = await owner.Client.SubmitAsync("/members/settings", $"plan-delete-{plans["Gold"]}", new Dictionary<string, string>());
        Assert.Contains("1 members have the plan Gold plus; move them to another plan first", await inUse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/members/settings?done=plan-deleted", Html.Location(await owner.Client.SubmitAsync("/members/settings", $"plan-delete-{plans["Basis"]}", new Dictionary<string, string>())));

        // An option still chosen cannot be removed; renaming and adding options can.
        var taken = await owner.Client.SubmitAsync("/members/settings", $"field-{size}", new Dictionary<string, string> { ["EditField.Name"] = "Shirt size", ["EditField.Options"] = "S\nL" });
        Assert.Contains("Options: M is still chosen by members and cannot be removed.", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/members/settings?done=field-saved", Html.Location(await owner.Client.SubmitAsync("/members/settings", $"field-{size}",
            new Dictionary<string, string> { ["EditField.Name"] = "Shirt size", ["EditField.Options"] = "S\nM\nL\nXL" })));
        Assert.Equal("/members/settings?done=field-deleted", Html.Location(await owner.Client.SubmitAsync("/members/settings", $"field-delete-{size}", new Dictionary<string, string>())));
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            Assert.Equal(["Gold plus"], await db.MembershipPlans.Select(p => p.Name).ToListAsync());
            Assert.False(await db.CustomFields.AnyAsync());
            Assert.False(await db.CustomFieldValues.AnyAsync());
            Assert.Equal(plans["Gold"], (await db.Members.SingleAsync()).PlanId);
        }
    }
}
