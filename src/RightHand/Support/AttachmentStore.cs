using System.Security.Cryptography;
using RightHand.Platform.Database;

namespace RightHand.Support;

/// <summary>What the store holds of one file: its content hash (its address) and size.</summary>
internal sealed record StoredContent(string Sha256, long Size);

/// <summary>
/// Attachment content on disk, once per SHA-256 in <c>&lt;data&gt;/attachments/ab/abcdef…</c>: the same screenshot sent
/// to ten tickets is kept once, a million attachments never pass through the database, and a file's name proves its
/// content. A file is written to a temporary name and moved into place, so a reader never sees half a file. Content
/// whose database rows were never committed stays behind harmlessly (the next identical upload reuses it). Several
/// instances on one PostgreSQL must share the data folder.
/// </summary>
internal sealed class AttachmentStore(DatabaseSettings settings)
{
    public const long MaxBytes = 25L * 1024 * 1024;

    public string Folder => Path.Combine(settings.DataDirectory, "attachments");

    /// <summary>Copies <paramref name="content"/> into the store while hashing it; null when it is larger than <see cref="MaxBytes"/> (nothing is kept then).</summary>
    public async Task<StoredContent?> SaveAsync(Stream content, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Folder);
        var temporary = Path.Combine(Folder, $"incoming-{Guid.NewGuid():N}.tmp");
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var chunk = new byte[1 << 16];
                for (var read = await content.ReadAsync(chunk, ct); read > 0; read = await content.ReadAsync(chunk, ct))
                {
                    size += read;
                    if (size > MaxBytes) return null;
                    sha.AppendData(chunk.AsSpan(0, read));
                    await target.WriteAsync(chunk.AsMemory(0, read), ct);
                }
            }
            var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            var final = PathOf(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            // Same hash, same bytes: a file already in place is kept, not rewritten under a reader.
            if (!File.Exists(final)) File.Move(temporary, final, overwrite: true);
            return new StoredContent(hash, size);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>The content of <paramref name="sha256"/> to read, or null when the store does not hold it.</summary>
    public Stream? OpenRead(string sha256)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true) : null;
    }

    /// <summary>The file of a hash; only a well-formed hash makes a path, so no stored value can point outside the folder.</summary>
    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)) throw new ArgumentException("Not a lower-case SHA-256 in hex.", nameof(sha256));
        return Path.Combine(Folder, sha256[..2], sha256);
    }
}
