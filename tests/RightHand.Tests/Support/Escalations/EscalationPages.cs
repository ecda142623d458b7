using System.Net.Http.Headers;
using RightHand.Tests.Access;

namespace RightHand.Tests.Support.Escalations;

/// <summary>What the escalation tests do through the pages, as the agent at the keyboard would.</summary>
internal static class EscalationPages
{
    /// <summary>A tiny but real PNG: the desk checks a screenshot's first bytes, not its name.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>Posts the ticket page's "Escalate to IT" form as a browser does: multipart, with the page's antiforgery token and form name.</summary>
    public static async Task<HttpResponseMessage> EscalateToItAsync(HttpClient client, long number, IDictionary<string, string> fields,
        params (string Name, string Type, byte[] Content)[] screenshots)
    {
        var page = $"/support/tickets/{number}";
        var document = await Html.GetAsync(client, page);
        var form = document.QuerySelectorAll("form").First(f => f.QuerySelector("input[name=_handler][value='escalate-it']") is not null);
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") is not null))
            content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        foreach (var (name, value) in fields) content.Add(new StringContent(value), "It." + name);
        foreach (var (name, type, bytes) in screenshots)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            content.Add(file, "Screenshots", name);
        }
        return await client.PostAsync(page, content);
    }

    public static Dictionary<string, string> Report(string summary = "Login button does nothing") => new()
    {
        ["Summary"] = summary, ["StepsToReproduce"] = "1. Open the app\n2. Tap Login", ["Expected"] = "The sign-in form opens", ["Actual"] = "Nothing happens",
        ["Environment"] = "iPhone 13, iOS 17.4, app 2.3.1", ["Severity"] = "High",
    };
}
