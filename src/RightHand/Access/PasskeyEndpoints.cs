using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace RightHand.Access;

/// <summary>
/// The two JSON steps of a passkey ceremony that a plain form cannot do: the browser's script asks for
/// options, hands them to <c>navigator.credentials</c>, and posts the answer with an ordinary form (to
/// /account or /signin). Both are POSTs with the page's antiforgery token in a header, so another site
/// cannot start a ceremony in someone's browser. The challenge goes into the rh.2fa cookie (Identity's
/// two-factor scheme), where the form post finds it.
/// </summary>
internal static class PasskeyEndpoints
{
    public static void MapPasskeyOptions(this WebApplication app)
    {
        // Registration: for the signed-in person. Existing passkeys are excluded, so a device cannot register twice.
        app.MapPost("/account/passkeys/options", async (HttpContext context, UserManager<Person> users, SignInManager<Person> signIn) =>
        {
            var person = await users.GetUserAsync(context.User);
            if (person is null) return Results.Unauthorized();
            var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
            {
                Id = person.Id.ToString(), Name = person.Email, DisplayName = person.Name,
            });
            return Results.Content(options, "application/json");
        }).RequireAuthorization(Permissions.AccountSelf).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();

        // Sign-in: for anyone, without naming a person (the passkey itself says whose it is), so the page
        // does not reveal which e-mail addresses have an account. Under /signin, so the sign-in rate limit applies.
        app.MapPost("/signin/passkey/options", async (SignInManager<Person> signIn) =>
                Results.Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json"))
            .AllowAnonymous().WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
    }
}
