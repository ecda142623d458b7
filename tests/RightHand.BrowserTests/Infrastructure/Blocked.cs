namespace RightHand.BrowserTests.Infrastructure;

/// <summary>
/// Tests that app bugs (not test bugs) keep from passing, as Skip reasons in one place. When a bug is
/// fixed, set its constant to null: its tests run again. Each was checked to pass with the fix applied.
/// </summary>
public static class Blocked
{
    /// <summary>
    /// Password sign-in of anyone with two-factor on ends in "Something went wrong": AccessModule calls
    /// AddDefaultTokenProviders(), so SignInManager.IsTwoFactorEnabledAsync asks every provider, the
    /// phone-number one calls UserManager.GetPhoneNumberAsync, and PersonStore has no IUserPhoneNumberStore
    /// (NotSupportedException). Fix: register only the authenticator provider,
    /// <c>.AddTokenProvider&lt;AuthenticatorTokenProvider&lt;Person&gt;&gt;(TokenOptions.DefaultAuthenticatorProvider)</c>.
    /// </summary>
    public const string? PasswordSignIn =
        "App bug: password sign-in with two-factor on throws NotSupportedException (AddDefaultTokenProviders + PersonStore without IUserPhoneNumberStore)";

    /// <summary>/platform/jobs throws: [SupplyParameterFromQuery] cannot bind an enum (JobState? State).</summary>
    public const string? JobsPage =
        "App bug: /platform/jobs throws InvalidOperationException, [SupplyParameterFromQuery] cannot bind JobState?";

    /// <summary>
    /// GET /status/404 itself shows "Something went wrong": StatusPages sets the status to 404, the
    /// status-code-pages middleware then re-executes /status/404 in the same request, and the second render
    /// throws "'HttpNavigationManager' already initialized". (An unknown address, re-executed once, is fine.)
    /// </summary>
    public const string? StatusPage =
        "App bug: GET /status/404 renders the 500 page (re-executed by UseStatusCodePagesWithReExecute: 'HttpNavigationManager' already initialized)";
}
