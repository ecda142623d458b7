using System.Net;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Members;

/// <summary>What the member tests do through the pages, as a person at the keyboard would.</summary>
internal static class MemberPages
{
    public static Dictionary<string, string> Fields(string first, string last, string email, string? plan = null, string tags = "", string status = "Prospect") => new()
    {
        ["Input.Salutation"] = "", ["Input.FirstName"] = first, ["Input.LastName"] = last, ["Input.Company"] = "", ["Input.Email"] = email,
        ["Input.Phone"] = "", ["Input.Language"] = "en", ["Input.Street"] = "Hauptstraße 1", ["Input.Postcode"] = "10115", ["Input.City"] = "Berlin",
        ["Input.Country"] = "de", ["Input.DateOfBirth"] = "", ["Input.PlanId"] = plan ?? "", ["Input.Notes"] = "", ["Input.Tags"] = tags, ["Input.Status"] = status,
    };

    /// <summary>Creates a member on /members/new and returns the number the page redirected to.</summary>
    public static async Task<string> CreateAsync(StaffSession staff, Dictionary<string, string> fields)
    {
        var response = await staff.Client.SubmitAsync("/members/new", "create", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return Uri.UnescapeDataString(Html.LocationPath(response)!.Split('/').Last());
    }
}
