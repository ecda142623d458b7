using Microsoft.Playwright;

namespace RightHand.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium (Debian's, at /usr/bin/chromium: Playwright cannot download its own here) per
/// test class. Each person in a test gets their own context: own cookies, own language.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public virtual async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context, as if a new person opened the app: the locale decides the Accept-Language header.</summary>
    public async Task<IPage> NewPageAsync(string language, string? storageState = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            Locale = language == "de" ? "de-DE" : "en-GB",
            TimezoneId = "Europe/Berlin",
            ViewportSize = new() { Width = 1280, Height = 800 },
            StorageState = storageState,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
    }
}

/// <summary>A browser and one app for the whole class, for tests that can share the app's state.</summary>
public class BrowserAppFixture : BrowserFixture
{
    private TestApp? app;

    public TestApp App => app ?? throw new InvalidOperationException("The app has not started.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        app = await TestApp.StartAsync(Engine.Sqlite, kestrel: true);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (app is not null) await app.DisposeAsync();
    }
}
