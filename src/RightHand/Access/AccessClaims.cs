namespace RightHand.Access;

/// <summary>Claim types of our own; the standard ones (NameIdentifier, Role, Name) are used as usual.</summary>
internal static class AccessClaims
{
    public const string SessionId = "rh:sid";
    public const string TokenId = "rh:token";
    public const string Scope = "rh:scope";
    public const string DisplayName = "rh:name";
    public const string TwoFactor = "rh:2fa";
    /// <summary>"passkey" when the session was opened with a passkey (which counts as both factors); absent after a password.</summary>
    public const string SignedInWith = "rh:via";
}
