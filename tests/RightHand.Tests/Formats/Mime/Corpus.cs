using RightHand.Formats.Mime;

namespace RightHand.Tests.Formats.Mime;

/// <summary>The .eml files under corpus/, copied to the test output: mail as real clients and servers send it.</summary>
internal static class Corpus
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Formats", "Mime", "corpus");

    public static IEnumerable<string> Files => Directory.EnumerateFiles(Folder, "*.eml").Order(StringComparer.Ordinal);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static MailMessage Parse(string name) => MailMessage.Parse(Bytes(name));
}
