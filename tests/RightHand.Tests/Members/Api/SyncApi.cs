using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Members.Api;

/// <summary>What the platform's IT does: a token made by the owner, and JSON to and from the sync API.</summary>
internal static class SyncApi
{
    /// <summary>A client with a new token of <paramref name="role"/> (owned by nobody, as for server automation).</summary>
    public static Task<HttpClient> ClientAsync(TestApp app, string role = Roles.It, params string[] scopes) => ClientAsync(app, role, null, scopes);

    /// <summary>A client with a new token of <paramref name="role"/> that belongs to <paramref name="person"/> (null: nobody).</summary>
    public static async Task<HttpClient> ClientAsync(TestApp app, string role, Guid? person, params string[] scopes)
    {
        await using var scope = app.Scope();
        var (result, secret) = await scope.ServiceProvider.GetRequiredService<AccessOperations>().CreateTokenAsync($"{role} sync {Guid.NewGuid():N}", role, scopes, person, null);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public static JsonObject Member(string last, string email, string? number = null, string city = "Berlin") => new()
    {
        ["number"] = number, ["firstName"] = "Test", ["lastName"] = last, ["email"] = email, ["street"] = "Hauptstraße 1", ["postcode"] = "10115",
        ["city"] = city, ["country"] = "DE", ["language"] = "en",
    };

    public static Task<HttpResponseMessage> PutAsync(HttpClient api, string number, JsonObject member) =>
        api.PutAsync($"/api/v1/members/{number}", JsonContent.Create(member));

    public static Task<HttpResponseMessage> BatchAsync(HttpClient api, IEnumerable<JsonObject> items) =>
        api.PostAsync("/api/v1/members/batch", JsonContent.Create(new JsonObject { ["items"] = new JsonArray([.. items.Select(i => i.DeepClone())]) }));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
