using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Platform.Database;

namespace RightHand.Portal;

/// <summary>How the portal looks and what it allows, as the owner set it.</summary>
internal sealed record PortalLook(string BusinessName, string PrimaryColour, string AccentColour, string? PrivacyUrl, string? ImprintUrl,
    bool SelfRegistration, string? LogoHash);

/// <summary>What the owner types on the portal settings page.</summary>
internal sealed record PortalLookDraft(string? BusinessName, string? PrimaryColour, string? AccentColour, string? PrivacyUrl, string? ImprintUrl, bool SelfRegistration);

/// <summary>
/// The owner's portal settings: the business's name, colours, logo and legal links, whether members may register
/// themselves, and the consents offered. Kept as settings rows (the logo in its own table); each change is one save.
/// </summary>
internal sealed class PortalSettings(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l)
{
    private const string Prefix = "portal.";
    private const string NameKey = Prefix + "business_name", PrimaryKey = Prefix + "primary_colour", AccentKey = Prefix + "accent_colour",
        PrivacyKey = Prefix + "privacy_url", ImprintKey = Prefix + "imprint_url", RegistrationKey = Prefix + "self_registration";
    public const string DefaultPrimary = "#1f4e79";
    public const string DefaultAccent = "#c8553d";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<PortalLook> LookAsync(CancellationToken ct = default)
    {
        var values = await db.Settings.AsNoTracking().Where(s => s.Key.StartsWith(Prefix)).ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        var logo = await db.PortalLogos.AsNoTracking().Select(g => g.Sha256).FirstOrDefaultAsync(ct);
        return new PortalLook(values.GetValueOrDefault(NameKey) ?? "RightHand", values.GetValueOrDefault(PrimaryKey) ?? DefaultPrimary,
            values.GetValueOrDefault(AccentKey) ?? DefaultAccent, values.GetValueOrDefault(PrivacyKey), values.GetValueOrDefault(ImprintKey),
            values.GetValueOrDefault(RegistrationKey) == "on", logo);
    }

    public async Task<OperationResult> SaveAsync(PortalLookDraft draft, CancellationToken ct = default)
    {
        var errors = new List<string>();
        var name = draft.BusinessName?.Trim() ?? "";
        if (name.Length is 0 or > 100) errors.Add(l["Business name: enter a name of at most 100 characters."]);
        var primary = draft.PrimaryColour?.Trim().ToLowerInvariant() ?? "";
        var accent = draft.AccentColour?.Trim().ToLowerInvariant() ?? "";
        if (!IsColour(primary)) errors.Add(l["Primary colour: enter a colour as #rrggbb, e.g. #1f4e79."]);
        if (!IsColour(accent)) errors.Add(l["Accent colour: enter a colour as #rrggbb, e.g. #c8553d."]);
        var privacy = Blank(draft.PrivacyUrl);
        var imprint = Blank(draft.ImprintUrl);
        if (privacy is not null && !IsWebAddress(privacy)) errors.Add(l["Privacy policy: enter an address starting with https:// or leave it empty."]);
        if (imprint is not null && !IsWebAddress(imprint)) errors.Add(l["Imprint: enter an address starting with https:// or leave it empty."]);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        await SetAsync(NameKey, name, ct);
        await SetAsync(PrimaryKey, primary, ct);
        await SetAsync(AccentKey, accent, ct);
        await SetAsync(PrivacyKey, privacy, ct);
        await SetAsync(ImprintKey, imprint, ct);
        await SetAsync(RegistrationKey, draft.SelfRegistration ? "on" : "off", ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Replaces the logo. Only PNG and JPEG, told apart by their first bytes (not by the name or the browser's word).</summary>
    public async Task<OperationResult> SetLogoAsync(byte[] content, CancellationToken ct = default)
    {
        if (content.Length == 0) return OperationResult.Fail(l["Logo: choose a PNG or JPEG file."]);
        if (content.Length > PortalLogo.MaxBytes) return OperationResult.Fail(l["Logo: the file may have at most {0} KB.", PortalLogo.MaxBytes / 1024]);
        var type = ImageType(content);
        if (type is null) return OperationResult.Fail(l["Logo: only PNG and JPEG images are accepted (SVG can carry script)."]);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var logo = await db.PortalLogos.FindAsync([PortalLogo.SingleId], ct);
        if (logo is null) db.PortalLogos.Add(new PortalLogo { ContentType = type, Content = content, Sha256 = hash, UploadedAt = Now });
        else (logo.ContentType, logo.Content, logo.Sha256, logo.UploadedAt) = (type, content, hash, Now);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Offers a consent in the portal, or gives an offered one a new wording (a new version).</summary>
    public async Task<OperationResult> OfferConsentAsync(string? kind, string? title, string? wording, CancellationToken ct = default)
    {
        var errors = new List<string>();
        kind = kind?.Trim().ToLowerInvariant() ?? "";
        title = title?.Trim() ?? "";
        wording = wording?.Trim() ?? "";
        if (kind.Length is 0 or > 60 || !kind.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            errors.Add(l["Consent: name what it is for in one word, e.g. newsletter (letters, digits, hyphens; at most 60)."]);
        if (title.Length is 0 or > 200) errors.Add(l["Title: enter a title of at most 200 characters."]);
        if (wording.Length is 0 or > 4000) errors.Add(l["Wording: enter the text the member agrees to (at most 4000 characters)."]);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        var version = (await db.ConsentOffers.Where(o => o.Kind == kind).MaxAsync(o => (int?)o.Version, ct) ?? 0) + 1;
        db.ConsentOffers.Add(new ConsentOffer { Kind = kind, Version = version, Title = title, Wording = wording, CreatedAt = Now });
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>The current wording of each offered consent.</summary>
    public async Task<List<ConsentOffer>> OffersAsync(CancellationToken ct = default) =>
        (await db.ConsentOffers.AsNoTracking().ToListAsync(ct))
            .GroupBy(o => o.Kind).Select(g => g.MaxBy(o => o.Version)!).OrderBy(o => o.Kind, StringComparer.Ordinal).ToList();

    /// <summary>The style sheet that carries the owner's colours: CSP forbids inline styles, so the colours come as a file.</summary>
    public static string ThemeCss(PortalLook look) =>
        $":root {{ --portal-primary: {Safe(look.PrimaryColour, DefaultPrimary)}; --portal-accent: {Safe(look.AccentColour, DefaultAccent)}; }}\n";

    private static string Safe(string colour, string fallback) => IsColour(colour) ? colour : fallback;

    public static bool IsColour(string value) => value.Length == 7 && value[0] == '#' && value.Skip(1).All(char.IsAsciiHexDigit);

    private static bool IsWebAddress(string value) =>
        value.Length <= 500 && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";

    private static string? ImageType(byte[] b) =>
        b is [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] ? "image/png"
        : b is [0xFF, 0xD8, 0xFF, ..] ? "image/jpeg"
        : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private Task SetAsync(string key, string? value, CancellationToken ct) => db.SetSettingAsync(key, value, Now, ct);
}
