using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using RightHand.Platform.Database;

namespace RightHand.Support.Inbound;

/// <summary>A kept mail: its file name (the id for download and delete), when it came, why it was not taken, its size.</summary>
internal sealed record RejectedMail(string Name, DateTime ReceivedAt, string Reason, long Size);

/// <summary>
/// Mail the desk could not take (too large, not mail, no sender, a bounce for a message we never sent), kept as it came
/// in <c>&lt;data&gt;/rejected-mail/&lt;utc-time&gt;-&lt;sha8&gt;.eml</c> with the reason in a .txt beside it: nothing
/// that reached the server is lost, and the owner can read it, forward it by hand or delete it.
/// </summary>
internal sealed partial class RejectedMailFolder(DatabaseSettings settings)
{
    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    public string Folder => Path.Combine(settings.DataDirectory, "rejected-mail");

    /// <summary>Writes the raw bytes and the reason; the same bytes in the same second are one file.</summary>
    public async Task<string> KeepAsync(byte[] raw, string reason, DateTime now, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Folder);
        var name = $"{now.ToString(TimeFormat, CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(SHA256.HashData(raw))[..8]}.eml";
        var path = Path.Combine(Folder, name);
        // Written under a temporary name and moved, so the page never lists half a file.
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, raw, ct);
        await File.WriteAllTextAsync(Path.ChangeExtension(path, ".txt"), reason, ct);
        File.Move(temporary, path, overwrite: true);
        return name;
    }

    /// <summary>The kept mail, newest first.</summary>
    public IReadOnlyList<RejectedMail> List()
    {
        if (!Directory.Exists(Folder)) return [];
        return Directory.EnumerateFiles(Folder, "*.eml").Select(Path.GetFileName).OfType<string>().Where(IsName)
            .Select(name => Describe(name)!).OrderByDescending(m => m.ReceivedAt).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>One kept mail, or null when the name is not one of ours (no name reaches outside the folder).</summary>
    public RejectedMail? Describe(string name)
    {
        if (!IsName(name)) return null;
        var file = new FileInfo(Path.Combine(Folder, name));
        if (!file.Exists) return null;
        var reasonFile = Path.ChangeExtension(file.FullName, ".txt");
        var reason = File.Exists(reasonFile) ? File.ReadAllText(reasonFile) : "";
        var time = DateTime.ParseExact(name[..16], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return new RejectedMail(name, time, reason, file.Length);
    }

    public Stream? OpenRead(string name) =>
        Describe(name) is null ? null : new FileStream(Path.Combine(Folder, name), FileMode.Open, FileAccess.Read, FileShare.Read);

    public bool Delete(string name)
    {
        if (Describe(name) is null) return false;
        var path = Path.Combine(Folder, name);
        File.Delete(Path.ChangeExtension(path, ".txt"));
        File.Delete(path);
        return true;
    }

    private static bool IsName(string name) => FileName().IsMatch(name);

    [GeneratedRegex(@"^\d{8}T\d{6}Z-[0-9a-f]{8}\.eml$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
