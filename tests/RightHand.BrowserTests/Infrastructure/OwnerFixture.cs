using Microsoft.Playwright;

namespace RightHand.BrowserTests.Infrastructure;

/// <summary>A browser and an app whose owner (English) has been set up through the UI; tests start signed in from <see cref="OwnerState"/>.</summary>
public class OwnerFixture : BrowserAppFixture
{
    public Person Owner { get; } = Journeys.Owner("en");

    /// <summary>The owner's cookies: a new context with this state is signed in (never sign it out: that ends the shared session).</summary>
    public string OwnerState { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var page = await NewPageAsync(Owner.Language);
        await Journeys.SetUpOwnerAsync(page, App, Owner);
        OwnerState = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
    }

    public Task<IPage> NewOwnerPageAsync(string? language = null) => NewPageAsync(language ?? Owner.Language, OwnerState);
}
