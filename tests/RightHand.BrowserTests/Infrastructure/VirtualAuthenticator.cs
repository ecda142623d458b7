using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RightHand.BrowserTests.Infrastructure;

/// <summary>
/// Chromium's virtual WebAuthn authenticator (DevTools protocol, WebAuthn domain) in one page: it answers
/// navigator.credentials like a built-in platform authenticator whose user is verified (fingerprint
/// accepted), so the app's real script and the server's real checks run.
/// </summary>
public sealed class VirtualAuthenticator
{
    private readonly ICDPSession cdp;
    private readonly string id;

    private VirtualAuthenticator(ICDPSession cdp, string id) => (this.cdp, this.id) = (cdp, id);

    public static async Task<VirtualAuthenticator> AddAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var result = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
        return new VirtualAuthenticator(cdp, result!.Value.GetProperty("authenticatorId").GetString()!);
    }

    /// <summary>How many passkeys the device holds.</summary>
    public async Task<int> CountCredentialsAsync()
    {
        var result = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = id });
        return result!.Value.GetProperty("credentials").GetArrayLength();
    }

    /// <summary>
    /// The app's address as http://localhost:port. WebAuthn needs a secure context and a domain as relying
    /// party id; localhost is both, while the app's own address (http://127.0.0.1) is an IP address, which
    /// browsers refuse as relying party. Cookies are per host: a page signed in on 127.0.0.1 is not here.
    /// </summary>
    public static string LocalhostUrl(TestApp app) => new UriBuilder(app.BaseUrl) { Host = "localhost" }.Uri.GetLeftPart(UriPartial.Authority);

    /// <summary>Exactly <paramref name="path"/> on <see cref="LocalhostUrl"/> (query strings allowed).</summary>
    public static Regex AtLocalhost(TestApp app, string path) => new("^" + Regex.Escape(LocalhostUrl(app) + path) + @"(\?.*)?$");
}
