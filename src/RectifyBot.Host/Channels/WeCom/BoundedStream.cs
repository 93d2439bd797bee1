using System.Buffers;

namespace RectifyBot.Host.Channels.WeCom;

internal static class BoundedStream
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>
    /// Reads the whole stream, or returns null as soon as it proves longer than <paramref name="maxBytes"/>.
    /// <paramref name="expectedBytes"/> (a Content-Length) sizes the result; the chunk is pooled, since a WeCom
    /// callback of 1 KB otherwise paid for 16 KB.
    /// </summary>
    public static async Task<byte[]?> ReadAtMostAsync(Stream stream, long maxBytes, CancellationToken cancellationToken, long? expectedBytes = null)
    {
        using var buffer = new MemoryStream(expectedBytes is > 0 and var n && n <= maxBytes ? (int)n : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }
}
