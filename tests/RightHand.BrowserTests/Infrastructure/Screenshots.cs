using Microsoft.Playwright;

namespace RightHand.BrowserTests.Infrastructure;

/// <summary>Full-page screenshots into screenshots/ next to the test assembly, copied to /tmp/rh-screens for a human to look at.</summary>
public static class Screenshots
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private const string SharedFolder = "/tmp/rh-screens";

    public static async Task SaveAsync(IPage page, string name)
    {
        var file = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        try
        {
            Directory.CreateDirectory(SharedFolder);
            File.Copy(file, Path.Combine(SharedFolder, name + ".png"), overwrite: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
