using System.Security.Cryptography;
using RightHand.Platform.Database;

namespace RightHand.Members.Import;

/// <summary>
/// Uploaded member files, kept in the data folder under their SHA-256 until the import is done (then deleted). A file rather than
/// a database row: the importer streams it twice (dry run, import) and seeks nowhere, a 200 MB value would have to
/// sit in memory whole on the way into and out of PostgreSQL, and the hash in the name lets a resumed import prove
/// it reads the same bytes. Several instances on one PostgreSQL must share the data folder for imports.
/// </summary>
internal sealed class MemberImportFiles(DatabaseSettings settings)
{
    public const long MaxBytes = 200L * 1024 * 1024;

    public string Folder => Path.Combine(settings.DataDirectory, "imports");

    public string PathOf(string sha256) => Path.Combine(Folder, sha256 + ".csv");

    /// <summary>Copies the upload to the folder while hashing it; null when it is larger than <see cref="MaxBytes"/> (nothing is kept then).</summary>
    public async Task<(string Sha256, long Size)?> SaveAsync(Stream upload, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var partial = Path.Combine(Folder, $"upload-{Guid.NewGuid():N}.partial");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await upload.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > MaxBytes) return null;
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            File.Move(partial, PathOf(sha), overwrite: true);
            return (sha, size);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    public void Delete(string sha256) => File.Delete(PathOf(sha256));

    public static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }
}
