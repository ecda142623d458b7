using System.Text;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Platform.Export;

/// <summary>
/// <c>import all</c> refuses a damaged or foreign file, or an instance already in use, with one clear
/// sentence and a non-zero exit code, and leaves the target exactly as it was.
/// </summary>
[Collection("command line")]
public sealed class DamagedArchiveTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Import_RefusesDamagedOrForeignArchives_AndChangesNothing(Engine engine)
    {
        var work = Directory.CreateTempSubdirectory("righthand-damaged-").FullName;
        var good = Path.Combine(work, "good.zip");
        await using (var source = await TestApp.StartAsync(Engine.Sqlite))
        {
            await StaffSession.SetUpOwnerAsync(source);
            Assert.Equal(0, (await CommandLine.RunCapturedAsync("export", "all", "--out", good, "--data-dir", source.DataDirectory)).Code);
        }
        var entries = Archives.Entries(good);
        var bytes = await File.ReadAllBytesAsync(good);
        var cases = new Dictionary<string, Action<string>>
        {
            ["not a zip archive or damaged"] = path => File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]),
            ["tables/people.jsonl: checksum does not match the manifest"] = path => Archives.Write(path, Changed(entries, "tables/people.jsonl", content =>
            {
                var text = Encoding.UTF8.GetString(content);
                return Encoding.UTF8.GetBytes(text.Replace("Olivia", "Olivio", StringComparison.Ordinal));
            })),
            ["tables/people.jsonl: missing from the archive"] = path => Archives.Write(path, entries.Where(e => e.Key != "tables/people.jsonl").ToDictionary()),
            ["not a RightHand export: manifest.json missing"] = path => Archives.Write(path, entries.Where(e => e.Key != "manifest.json").ToDictionary()),
            // Changed consistently, checksum included: what is inside must still fit this app.
            ["tables/people.jsonl: unknown column 'nickname'"] = path => Archives.Write(path, Resealed(entries, "tables/people.jsonl",
                text => text.Replace("{\"id\":", "{\"nickname\":\"Oli\",\"id\":", StringComparison.Ordinal))),
            ["tables/people.jsonl: 2 rows, the manifest says 1"] = path => Archives.Write(path, Resealed(entries, "tables/people.jsonl", text => text + text)),
            ["not a RightHand export: manifest.json names the format 'acme-backup'"] = path => Archives.Write(path,
                Changed(entries, "manifest.json", _ => """{"format":"acme-backup","formatVersion":1,"tables":[]}"""u8.ToArray())),
        };

        var target = await EmptyInstance.CreateAsync(engine);
        Assert.Equal(0, (await CommandLine.RunCapturedAsync(["migrate", .. target.Arguments])).Code);
        var seeded = await target.CountAsync("work_types");
        foreach (var (expected, damage) in cases)
        {
            var path = Path.Combine(work, "damaged.zip");
            File.Delete(path);
            damage(path);

            var (code, output, error) = await CommandLine.RunCapturedAsync(["import", "all", path, .. target.Arguments]);

            Assert.True(code == 1, $"{expected}: exit code {code}, {output}");
            Assert.Contains(expected, error, StringComparison.Ordinal);
            Assert.Contains("nothing changed", error, StringComparison.Ordinal);
            Assert.Equal(0, await target.CountAsync("people"));
            Assert.Equal(0, await target.CountAsync("audit_entries"));
            Assert.Equal(seeded, await target.CountAsync("work_types"));
        }

        // The intact archive goes in once; a second import finds the instance in use and leaves it alone.
        Assert.Equal(0, (await CommandLine.RunCapturedAsync(["import", "all", good, .. target.Arguments])).Code);
        var audit = await target.CountAsync("audit_entries");
        var again = await CommandLine.RunCapturedAsync(["import", "all", good, .. target.Arguments]);
        Assert.Equal(1, again.Code);
        Assert.Contains("the instance is not empty: 1 person exists", again.Error, StringComparison.Ordinal);
        Assert.Equal(1, await target.CountAsync("people"));
        Assert.Equal(audit, await target.CountAsync("audit_entries"));
        Directory.Delete(work, recursive: true);
    }

    /// <summary>Replaces a table file and writes its new checksum into the manifest, as someone editing the archive on purpose would.</summary>
    private static Dictionary<string, byte[]> Resealed(Dictionary<string, byte[]> entries, string name, Func<string, string> change)
    {
        var content = Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(entries[name])));
        var oldSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(entries[name]));
        var newSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        var resealed = Changed(entries, name, _ => content);
        resealed["manifest.json"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entries["manifest.json"]).Replace(oldSha, newSha, StringComparison.Ordinal));
        return resealed;
    }

    private static Dictionary<string, byte[]> Changed(Dictionary<string, byte[]> entries, string name, Func<byte[], byte[]> change) =>
        entries.ToDictionary(e => e.Key, e => e.Key == name ? change(e.Value) : e.Value, StringComparer.Ordinal);
}
