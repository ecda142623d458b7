using Microsoft.Extensions.DependencyInjection;
using RightHand.Members;

namespace RightHand.BrowserTests.Infrastructure;

/// <summary>An active member in Berlin, created by the owner through the register's own operation.</summary>
internal static class MemberSeeds
{
    public static async Task<Member> CreateAsync(OwnerFixture fixture, string first, string last, string email, string language, string? salutation = null)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var owner = await DelegationSeeds.PersonIdAsync(fixture.App, fixture.Owner.Email);
        var (result, member) = await scope.ServiceProvider.GetRequiredService<MemberRegister>().CreateAsync(
            new MemberDraft(salutation, first, last, null, email, null, language, "Invalidenstraße 1", "10115", "Berlin", "DE", null, null, null, null, MemberStatus.Active), owner);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return member!;
    }
}
