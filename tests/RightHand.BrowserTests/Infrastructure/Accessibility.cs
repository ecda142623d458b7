using System.Globalization;
using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RightHand.BrowserTests.Infrastructure;

public static class Accessibility
{
    /// <summary>Runs axe-core on the page as it is now; fails with every serious or critical violation, its rule and its elements.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string label, Action<string>? log = null)
    {
        var result = await page.RunAxe();
        log?.Invoke($"axe-core on {label}: {result.Passes.Length} rules passed, {result.Incomplete.Length} to review by hand" +
            string.Concat(result.Incomplete.Select(i => $"\n  review: {i.Id} ({i.Impact}): {i.Help}")) +
            string.Concat(result.Violations.Select(v => $"\n  violation: {v.Id} ({v.Impact}): {v.Help} [{string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}]")));
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (serious.Count == 0) return;
        var message = new StringBuilder().Append(CultureInfo.InvariantCulture, $"axe-core found {serious.Count} serious/critical violation(s) on {label} ({page.Url}):");
        foreach (var v in serious)
        {
            message.Append(CultureInfo.InvariantCulture, $"\n- {v.Id} ({v.Impact}): {v.Help}");
            foreach (var node in v.Nodes)
                message.Append(CultureInfo.InvariantCulture, $"\n    {node.Target}  {node.Html}");
        }
        Assert.Fail(message.ToString());
    }
}
