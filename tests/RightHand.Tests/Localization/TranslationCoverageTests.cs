using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Audit;
using RightHand.Components.Layout;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;
using RightHand.Platform.Mail;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Localization;

/// <summary>
/// The UI's texts are keyed by their English wording (<c>L["Sign in"]</c>), so English needs no
/// resource file and a missing German text silently shows English. These tests keep
/// <c>src/RightHand/Resources/Texts.de.resx</c> complete, correct and free of leftovers: every key the
/// code uses (literal <c>L["…"]</c>/<c>l["…"]</c> in .razor and .cs, plus the keys the code computes)
/// has a German text, every German text keeps its key's placeholders, and no German text is unused.
/// </summary>
public sealed partial class TranslationCoverageTests
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    private static readonly ResourceManager Resources = new("RightHand.Resources.Texts", typeof(Texts).Assembly);

    // A localizer indexed with a plain string literal: L["…"] or l["…"], optionally followed by arguments.
    // "Mail" + state and other concatenations are not keys; they are listed among the computed keys.
    [GeneratedRegex("""(?<![\w.])[lL]\[\s*"((?:[^"\\\r\n]|\\.)*)"\s*[\],]""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex("""\{\d+(?:\s*,\s*-?\d+)?(?::[^{}]*)?\}""")]
    private static partial Regex Placeholder();

    [Fact]
    public void EveryKeyUsedInTheCodeHasAGermanText()
    {
        var missing = UsedKeys()
            .Where(k => Resources.GetString(k.Key, German) is null)
            .Select(k => $"  {Show(k.Key)}  (used in {k.Value})")
            .ToList();

        Assert.True(missing.Count == 0,
            $"{missing.Count} key(s) have no German text in src/RightHand/Resources/Texts.de.resx:\n{string.Join('\n', missing)}");
    }

    [Fact]
    public void EveryGermanTextKeepsThePlaceholdersOfItsKey()
    {
        var wrong = GermanEntries()
            .Where(e => !Placeholders(e.Key).SequenceEqual(Placeholders(e.Value), StringComparer.Ordinal))
            .Select(e => $"  {Show(e.Key)}\n    has {string.Join(' ', Placeholders(e.Value))} instead of {string.Join(' ', Placeholders(e.Key))}")
            .ToList();

        Assert.True(wrong.Count == 0, $"{wrong.Count} German text(s) change the placeholders of their key:\n{string.Join('\n', wrong)}");
    }

    [Fact]
    public void NoGermanTextIsUnused()
    {
        var used = UsedKeys();
        var stale = GermanEntries().Keys.Where(k => !used.ContainsKey(k)).Order(StringComparer.Ordinal).Select(k => "  " + Show(k)).ToList();

        Assert.True(stale.Count == 0,
            $"{stale.Count} German text(s) in Texts.de.resx belong to no key the code uses (remove them, or add the computed key to this test):\n{string.Join('\n', stale)}");
    }

    /// <summary>
    /// Resource names are unique regardless of case when the .resx is compiled (MSBuild drops the
    /// second one with warning MSB3568), while look-ups are case-sensitive, so two keys that differ
    /// only in case cannot both have a German text.
    /// </summary>
    [Fact]
    public void NoTwoKeysDifferOnlyInCase()
    {
        var clashes = UsedKeys().Keys
            .GroupBy(k => k, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => "  " + string.Join(" / ", g.Order(StringComparer.Ordinal).Select(Show)))
            .ToList();

        Assert.True(clashes.Count == 0,
            $"These keys differ only in case, so only one of them can be translated; reword one of them:\n{string.Join('\n', clashes)}");
    }

    /// <summary>The app's own localizer (as WebHost registers it) finds the compiled German texts.</summary>
    [Fact]
    public void TheAppsLocalizerShowsGermanForGermanAndEnglishForEnglish()
    {
        using var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
        var l = services.GetRequiredService<IStringLocalizer<Texts>>();

        var german = Cultures.In("de", () => (l["Sign in"].Value, l["Recovery codes left: {0}", 3].Value, l["Owner"].Value));
        var english = Cultures.In("en", () => (l["Sign in"].Value, l["Recovery codes left: {0}", 3].Value, l["Owner"].Value));

        Assert.Equal(("Anmelden", "Verbleibende Wiederherstellungscodes: 3", "Inhaber"), german);
        Assert.Equal(("Sign in", "Recovery codes left: 3", "Owner"), english);
    }

    /// <summary>End to end: a German browser gets the German page, an English one the English page.</summary>
    [Fact]
    public async Task TheSetupPageFollowsTheBrowsersLanguage()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite);

        var german = await app.CreateClient("de-DE,de;q=0.9").GetStringAsync(new Uri("/setup", UriKind.Relative));
        var english = await app.CreateClient("en-GB,en;q=0.9").GetStringAsync(new Uri("/setup", UriKind.Relative));

        Assert.Contains("<h1>RightHand einrichten</h1>", german, StringComparison.Ordinal);
        Assert.Contains("Inhaberkonto erstellen", german, StringComparison.Ordinal);
        Assert.Contains("<h1>Set up RightHand</h1>", english, StringComparison.Ordinal);
    }

    /// <summary>Every key the code uses, with where it comes from (a file, or how it is computed).</summary>
    private static Dictionary<string, string> UsedKeys()
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var root = RepositoryRoot();
        var source = Path.Combine(root, "src", "RightHand");
        var files = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !IsBuildOutput(Path.GetRelativePath(source, f)))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            foreach (Match m in LiteralKey().Matches(File.ReadAllText(file)))
                keys.TryAdd(Unescape(m.Groups[1].Value), relative);
        }

        // Keys the code computes rather than writes down.
        foreach (var role in Roles.All) keys.TryAdd(role, "role name (L[person.Role])");
        foreach (var state in Enum.GetNames<JobState>()) keys.TryAdd(state, "job state (L[job.State.ToString()])");
        foreach (var state in Enum.GetNames<MailState>()) keys.TryAdd("Mail" + state, "mail state (L[\"Mail\" + mail.State])");
        foreach (var group in StaffNavigation.Instance.Groups)
        {
            if (group.Title is not null) keys.TryAdd(group.Title, "navigation group (StaffNavigation)");
            foreach (var item in group.Items) keys.TryAdd(item.Title, "navigation item (StaffNavigation)");
        }
        foreach (var module in AuditModules()) keys.TryAdd(module, "audit module (L[entry.Module])");
        foreach (var code in Enum.GetValues<RightHand.Formats.Csv.ValueProblemCode>())
            keys.TryAdd(RightHand.Formats.Csv.ValueProblem.EnglishFormat(code), "value problem (MemberChecks.Describe)");
        foreach (var code in Enum.GetValues<RightHand.Formats.Csv.CsvProblemCode>())
            keys.TryAdd(RightHand.Formats.Csv.CsvProblem.EnglishFormat(code), "CSV problem (member import)");
        return keys;
    }

    /// <summary>The modules audit entries name: one per entity type's feature folder (see AuditRecorder.ModuleOf).</summary>
    private static IEnumerable<string> AuditModules() =>
        typeof(AppDb).GetProperties()
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>))
            .Select(p => AuditRecorder.ModuleOf(p.PropertyType.GetGenericArguments()[0]))
            .Distinct(StringComparer.Ordinal);

    private static Dictionary<string, string> GermanEntries()
    {
        // The satellite is "de"; de-DE falls back to it, so that is where the entries are.
        var set = Resources.GetResourceSet(CultureInfo.GetCultureInfo("de"), createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in set)
            entries[(string)entry.Key] = entry.Value as string ?? "";
        Assert.NotEmpty(entries);
        return entries;
    }

    private static List<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal).ToList();

    private static bool IsBuildOutput(string relativePath)
    {
        var first = relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RightHand.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains RightHand.slnx.");
    }

    /// <summary>The value of a C# regular string literal's contents.</summary>
    private static string Unescape(string literal)
    {
        var text = new StringBuilder(literal.Length);
        for (var i = 0; i < literal.Length; i++)
        {
            if (literal[i] != '\\' || i + 1 == literal.Length)
            {
                text.Append(literal[i]);
                continue;
            }
            var c = literal[++i];
            switch (c)
            {
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case '0': text.Append('\0'); break;
                case 'u' when i + 4 < literal.Length:
                    text.Append((char)int.Parse(literal.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: text.Append(c); break; // \" \' \\
            }
        }
        return text.ToString();
    }

    private static string Show(string key) => "\"" + key.Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
