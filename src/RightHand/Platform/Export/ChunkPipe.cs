using System.Buffers;
using System.Threading.Channels;

namespace RightHand.Platform.Export;

/// <summary>
/// Hands chunks of a table file to a second thread that checksums and compresses them into the zip
/// entry, so that reading rows and deflating run side by side (together they took a third longer on
/// one thread; see bench/RESULTS.md). A few chunks at most are in flight: memory stays flat.
/// </summary>
internal sealed class ChunkPipe : IAsyncDisposable
{
    private readonly Channel<(byte[] Buffer, int Length)> chunks =
        Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
    private readonly HashingStream target;
    private readonly Task draining;

    public ChunkPipe(Stream entry)
    {
        target = new HashingStream(entry);
        draining = Task.Run(DrainAsync);
    }

    /// <summary>Copies <paramref name="data"/> and queues it; waits only when the compressing side is behind.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(data.Length);
        data.CopyTo(buffer);
        try { await chunks.Writer.WriteAsync((buffer, data.Length), ct); }
        catch (ChannelClosedException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await draining; // throws what stopped the compressing side
            throw;
        }
    }

    /// <summary>Waits until everything is written and returns the SHA-256 of what went through.</summary>
    public async Task<string> CompleteAsync()
    {
        chunks.Writer.TryComplete();
        await draining;
        return target.Sha256();
    }

    /// <summary>After a failure on the reading side: stops the compressing side without waiting for more.</summary>
    public async ValueTask DisposeAsync()
    {
        chunks.Writer.TryComplete();
        try { await draining; }
        catch (Exception) when (!draining.IsCompletedSuccessfully) { } // already reported by WriteAsync or CompleteAsync
        target.Dispose();
    }

    private async Task DrainAsync()
    {
        try
        {
            await foreach (var (buffer, length) in chunks.Reader.ReadAllAsync())
            {
                target.Write(buffer.AsSpan(0, length));
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception e)
        {
            chunks.Writer.TryComplete(e);
            throw;
        }
    }
}
