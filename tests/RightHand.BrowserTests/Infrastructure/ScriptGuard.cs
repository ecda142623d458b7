using Microsoft.Playwright;

namespace RightHand.BrowserTests.Infrastructure;

/// <summary>
/// Cross-site scripting payloads for the places a member or a sender controls (subject, body, name, file name). Each would
/// set <c>window.__xss</c> or open a dialog if it ever ran; <see cref="AssertInertAsync"/> fails the test when either happened.
/// </summary>
public sealed class ScriptGuard
{
    public const string Subject = "Login broken <img src=x onerror=\"window.__xss='subject'\">";
    public const string Body = "It fails. <script>window.__xss='body'</script><svg onload=\"window.__xss='svg'\"></svg> [link](javascript:alert(1))";
    public const string Name = "Eve <script>alert('name')</script>";
    public const string FileName = "\"><img src=x onerror=alert(1)>.txt";

    private readonly List<string> dialogs = [];

    public IPage Watch(IPage page)
    {
        page.Dialog += async (_, dialog) =>
        {
            lock (dialogs) dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        return page;
    }

    public async Task AssertInertAsync(IPage page)
    {
        var flag = await page.EvaluateAsync<string?>("() => window.__xss ?? null");
        Assert.Null(flag);
        lock (dialogs) Assert.Empty(dialogs);
    }
}
