using System.Diagnostics;
using System.Text;
using RightHand.Formats.Mime;
using Xunit;

namespace RightHand.Tests.Formats.Mime;

/// <summary>
/// Ten thousand messages mutated from the corpus (flipped bytes, truncation, boundaries duplicated or removed,
/// huge headers, deep nesting, random charsets and encodings, NUL bytes, LF and CR line ends, spliced noise):
/// the reader never throws, every parse finishes quickly, and what it returns keeps its promises (no control
/// characters in header values or text, safe file names, bounded problem lists).
/// </summary>
public sealed class MimeFuzzTests
{
    private static readonly string[] Charsets =
        ["utf-8", "iso-8859-1", "ISO-8859-15", "windows-1252", "utf-16", "utf-7", "koi8-r", "shift_jis", "x-bogus", "", "\"", "ascii", "big5", "utf-32"];

    private static readonly string[] Encodings = ["base64", "quoted-printable", "7bit", "8bit", "binary", "x-uuencode", "", "BASE64 garbage"];

    private enum Mutation
    {
        FlipBytes, Truncate, DuplicateBoundary, RemoveBoundary, HugeHeader, ManyHeaders, DeepNesting, RandomCharset,
        RandomEncoding, NulBytes, LineEnds, SpliceNoise, EncodedWordNoise, Combined,
    }

    [Fact]
    public void TenThousandMutatedMessages_AreReadWithoutException_AndEachQuickly()
    {
        var corpus = Corpus.Files.Select(File.ReadAllBytes).ToArray();
        var random = new Random(20261122);
        var limits = new MimeLimits();
        var total = Stopwatch.StartNew();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 10_000; i++)
        {
            var mutation = (Mutation)random.Next(Enum.GetValues<Mutation>().Length);
            var bytes = Mutate(random, corpus[random.Next(corpus.Length)], mutation);
            var context = $"message {i}, {mutation}";

            var clock = Stopwatch.StartNew();
            var mail = MailMessage.Parse(bytes, limits);
            _ = mail.Headers.Count + mail.To.Count + mail.Attachments.Sum(a => a.Content.Length) + (mail.DeliveryReport?.Recipients.Count ?? 0);
            var elapsed = clock.Elapsed;
            if (elapsed > slowest) slowest = elapsed;

            Assert.True(elapsed < TimeSpan.FromSeconds(2), $"{context} took {elapsed}");
            Assert.True(mail.Problems.Count <= limits.MaxProblems + 1, context);
            Assert.DoesNotContain(mail.Headers, h => h.Value.Any(char.IsControl));
            Assert.False(mail.Subject.Any(char.IsControl), context);
            Assert.DoesNotContain('\0', mail.TextBody);
            Assert.DoesNotContain('\r', mail.TextBody);
            Assert.All(mail.Attachments, a =>
            {
                Assert.False(string.IsNullOrWhiteSpace(a.FileName), context);
                Assert.False(a.FileName.Any(c => char.IsControl(c) || c is '/' or '\\' or ':'), context + ": " + a.FileName);
                Assert.True(a.FileName.Length <= 200, context);
            });
        }
        // About 9 s on the 2-core reference machine; the bound leaves room for other work sharing the cores.
        Assert.True(total.Elapsed < TimeSpan.FromSeconds(40), $"took {total.Elapsed}, slowest message {slowest}");
    }

    private static byte[] Mutate(Random random, byte[] original, Mutation mutation)
    {
        var bytes = original.ToArray();
        switch (mutation)
        {
            case Mutation.FlipBytes:
                for (var n = random.Next(1, 20); n > 0 && bytes.Length > 0; n--) bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                return bytes;
            case Mutation.Truncate:
                return bytes[..random.Next(bytes.Length + 1)];
            case Mutation.DuplicateBoundary:
                return EditLines(random, bytes, line => line.StartsWith("--", StringComparison.Ordinal), (line, r) => r.Next(2) == 0 ? [line, line] : [line, line + "--"]);
            case Mutation.RemoveBoundary:
                return EditLines(random, bytes, line => line.StartsWith("--", StringComparison.Ordinal), (_, _) => []);
            case Mutation.HugeHeader:
                return Insert(bytes, random.Next(2) == 0
                    ? "X-Huge: " + new string('a', random.Next(10_000, 300_000)) + "\r\n"
                    : "Subject: " + string.Concat(Enumerable.Repeat("=?utf-8?b?w6Q=?= ", random.Next(1000, 20_000))) + "\r\n");
            case Mutation.ManyHeaders:
                return Insert(bytes, string.Concat(Enumerable.Range(0, random.Next(500, 3000)).Select(n => $"X-H{n}: {n}\r\n")));
            case Mutation.DeepNesting:
                return DeepNesting(random);
            case Mutation.RandomCharset:
                return Replace(random, bytes, "charset=", () => Charsets[random.Next(Charsets.Length)] + ";");
            case Mutation.RandomEncoding:
                return Replace(random, bytes, "Content-Transfer-Encoding: ", () => Encodings[random.Next(Encodings.Length)] + "\r\n");
            case Mutation.NulBytes:
                for (var n = random.Next(1, 50); n > 0 && bytes.Length > 0; n--) bytes[random.Next(bytes.Length)] = 0;
                return bytes;
            case Mutation.LineEnds:
                var text = Encoding.Latin1.GetString(bytes).Replace("\r\n", random.Next(2) == 0 ? "\n" : "\r", StringComparison.Ordinal);
                return Encoding.Latin1.GetBytes(text);
            case Mutation.SpliceNoise:
                var at = random.Next(bytes.Length + 1);
                var noise = new byte[random.Next(1, 2000)];
                random.NextBytes(noise);
                return [.. bytes[..at], .. noise, .. bytes[at..]];
            case Mutation.EncodedWordNoise:
                return Insert(bytes, "Subject: " + string.Concat(Enumerable.Range(0, 200).Select(_ => EncodedWordNoise(random))) + "\r\nFrom: " +
                    string.Concat(Enumerable.Range(0, 200).Select(_ => "\"(<,;:@>)\\"[random.Next(10)])) + "\r\n");
            default:
                var combined = bytes;
                for (var n = random.Next(2, 5); n > 0; n--) combined = Mutate(random, combined, (Mutation)random.Next((int)Mutation.Combined));
                return combined;
        }
    }

    private static string EncodedWordNoise(Random random) => random.Next(6) switch
    {
        0 => "=?",
        1 => "?=",
        2 => "=?utf-8?q?",
        3 => "=?x?b?" + Convert.ToBase64String(Guid.NewGuid().ToByteArray())[..random.Next(1, 20)],
        4 => " ",
        _ => ((char)random.Next(0x20, 0x250)).ToString(),
    };

    private static byte[] DeepNesting(Random random)
    {
        var depth = random.Next(10, 200);
        var text = new StringBuilder("From: a@example.org\r\nSubject: deep\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n");
        for (var i = 1; i <= depth; i++)
        {
            text.Append("--b").Append(i - 1).Append("\r\nContent-Type: multipart/")
                .Append(random.Next(3) switch { 0 => "alternative", 1 => "related", _ => "mixed" })
                .Append("; boundary=b").Append(i).Append("\r\n\r\n");
        }
        text.Append("--b").Append(depth).Append("\r\nContent-Type: text/plain\r\n\r\nbottom\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static byte[] Insert(byte[] bytes, string header) => [.. Encoding.UTF8.GetBytes(header), .. bytes];

    private static byte[] Replace(Random random, byte[] bytes, string marker, Func<string> replacement)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var result = new StringBuilder();
        var from = 0;
        while (text.IndexOf(marker, from, StringComparison.OrdinalIgnoreCase) is var at and >= 0)
        {
            var lineEnd = text.IndexOf('\n', at);
            var end = lineEnd < 0 ? text.Length : lineEnd + 1;
            result.Append(text, from, at - from).Append(marker);
            result.Append(random.Next(3) == 0 ? text[(at + marker.Length)..end] : replacement());
            from = end;
        }
        result.Append(text, from, text.Length - from);
        return Encoding.Latin1.GetBytes(result.ToString());
    }

    private static byte[] EditLines(Random random, byte[] bytes, Func<string, bool> select, Func<string, Random, string[]> edit)
    {
        var lines = Encoding.Latin1.GetString(bytes).Split("\r\n");
        var result = new List<string>(lines.Length + 8);
        foreach (var line in lines)
        {
            if (select(line) && random.Next(2) == 0) result.AddRange(edit(line, random));
            else result.Add(line);
        }
        return Encoding.Latin1.GetBytes(string.Join("\r\n", result));
    }
}
