using Microsoft.Extensions.DependencyInjection;
using RightHand.Members;
using RightHand.Platform.Database;
using RightHand.Support;
using RightHand.Support.Answers;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support.Rules;

/// <summary>What the rule and macro tests set up, as the owner does on the pages.</summary>
internal static class RuleSteps
{
    /// <summary>Writes a rule on /support/rules/new; returns the rule page's path.</summary>
    public static async Task<string> WriteRuleAsync(StaffSession owner, params (string Field, string Value)[] fields)
    {
        var response = await owner.Client.SubmitAsync("/support/rules/new", "rule", Fields(fields, "save"));
        Assert.True(Html.LocationPath(response) is { } path && path.StartsWith("/support/rules/", StringComparison.Ordinal), await response.Content.ReadAsStringAsync());
        return Html.LocationPath(response)!;
    }

    public static List<KeyValuePair<string, string>> Fields((string Field, string Value)[] fields, string intent)
    {
        var list = fields.Select(f => KeyValuePair.Create("Form." + f.Field, f.Value)).ToList();
        list.Add(KeyValuePair.Create("Intent", intent));
        return list;
    }

    public static async Task<Guid> CategoryAsync(TestApp app, string name)
    {
        await using var scope = app.Scope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<TicketCategories>().AddAsync(name)).Succeeded);
        return (await scope.ServiceProvider.GetRequiredService<TicketCategories>().ListAsync(false)).Single(c => c.Name == name).Id;
    }

    /// <summary>A canned answer the owner wrote (in use at once); returns its id.</summary>
    public static async Task<Guid> AnswerAsync(TestApp app, Guid owner, string language, string title, string body)
    {
        await using var scope = app.Scope();
        var (result, id) = await scope.ServiceProvider.GetRequiredService<CannedAnswers>().SaveAsync(null, new CannedAnswerDraft(language, title, null, body, false), owner, isOwner: true);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return id!.Value;
    }

    public static async Task<Member> MemberAsync(TestApp app, Guid by, string first, string email, MemberStatus status, Guid? plan = null, string? tags = null, string language = "de")
    {
        await using var scope = app.Scope();
        var draft = new MemberDraft(null, first, "Muster", null, email, null, language, null, null, null, "DE", null, plan, null, tags, status);
        var (result, member) = await scope.ServiceProvider.GetRequiredService<MemberRegister>().CreateAsync(draft, by);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return member!;
    }

    public static async Task<Guid> PlanAsync(TestApp app, string name)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var plan = new MembershipPlan { Name = name, FeeCents = 1000 };
        db.MembershipPlans.Add(plan);
        await db.SaveChangesAsync();
        return plan.Id;
    }

    public static async Task<T> QueryAsync<T>(TestApp app, Func<AppDb, Task<T>> query)
    {
        await using var scope = app.Scope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDb>());
    }
}
