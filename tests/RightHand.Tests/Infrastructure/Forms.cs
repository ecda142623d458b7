using AngleSharp.Html.Parser;

namespace RightHand.Tests.Infrastructure;

/// <summary>Submits the app's server-rendered forms the way a browser does: antiforgery token and form name included.</summary>
public static class Forms
{
    /// <summary>GETs <paramref name="page"/>, finds the form named <paramref name="formName"/> (its _handler), fills it and posts it.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string page, string formName, IDictionary<string, string> fields) =>
        client.SubmitAsync(page, formName, fields.AsEnumerable());

    /// <summary>The same with a field that may repeat (ticked checkboxes of one name).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string page, string formName, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await client.GetStringAsync(page);
        var document = new HtmlParser().ParseDocument(html);
        var form = document.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null)
            ?? throw new InvalidOperationException($"No form '{formName}' on {page}:\n{html}");
        var values = form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") is not null)
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        var posted = fields.ToList();
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page;
        return await client.PostAsync(action, new FormUrlEncodedContent(values.Where(v => posted.All(p => p.Key != v.Key)).Concat(posted)));
    }
}
