namespace RightHand.Support.Portal;

/// <summary>
/// The files a member chose in a portal form ("Files"), opened for the desk to read once; disposing closes them. An
/// empty file input sends one nameless, empty part, which is not a file.
/// </summary>
internal sealed class UploadedFiles : IAsyncDisposable
{
    private readonly List<Stream> streams;

    private UploadedFiles(IFormFileCollection form)
    {
        var files = form.GetFiles("Files").Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
        streams = files.Select(f => f.OpenReadStream()).ToList();
        Attachments = files.Select((f, i) => new NewAttachment(f.FileName, f.ContentType, streams[i])).ToList();
    }

    public IReadOnlyList<NewAttachment> Attachments { get; }

    public static UploadedFiles From(HttpContext http) => new(http.Request.HasFormContentType ? http.Request.Form.Files : new FormFileCollection());

    public async ValueTask DisposeAsync()
    {
        foreach (var stream in streams) await stream.DisposeAsync();
    }
}
