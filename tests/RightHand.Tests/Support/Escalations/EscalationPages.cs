namespace RightHand.Tests.Support.Escalations;

/// <summary>What the escalation tests do through the pages, as the agent at the keyboard would.</summary>
internal static class EscalationPages
{
    /// <summary>A tiny but real PNG: the desk checks a screenshot's first bytes, not its name.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>Posts the ticket page's "Escalate to IT" form as a browser does, with the report's fields (names without "It.") and screenshots.</summary>
    public static Task<HttpResponseMessage> EscalateToItAsync(HttpClient client, long number, IDictionary<string, string> fields,
        params (string Name, string Type, byte[] Content)[] screenshots) =>
        SupportPages.PostWithFilesAsync(client, $"/support/tickets/{number}", "escalate-it", fields.ToDictionary(f => "It." + f.Key, f => f.Value), "Screenshots",
            screenshots);

    public static Dictionary<string, string> Report(string summary = "Login button does nothing") => new()
    {
        ["Summary"] = summary, ["StepsToReproduce"] = "1. Open the app\n2. Tap Login", ["Expected"] = "The sign-in form opens", ["Actual"] = "Nothing happens",
        ["Environment"] = "iPhone 13, iOS 17.4, app 2.3.1", ["Severity"] = "High",
    };
}
