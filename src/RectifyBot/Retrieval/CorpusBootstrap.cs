namespace RectifyBot.Retrieval;

/// <summary>
/// Fills an empty index from the corpus folder (<c>Retrieval:CorpusPath</c>, by default corpus/ beside
/// appsettings.json) the first time retrieval is used, so a fresh installation searches and drafts from the
/// shipped samples without a <c>corpus add</c> first. An index that holds anything is left as it is: what is
/// in it was put there on purpose.
/// </summary>
public sealed class CorpusBootstrap(HybridSearch search, string folder) : IDisposable
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private volatile bool _ready;

    public async Task<HybridSearch> ReadyAsync(CancellationToken ct)
    {
        if (_ready)
        {
            return search;
        }
        await _once.WaitAsync(ct);
        try
        {
            if (!_ready && search.Lexical.Count == 0 && Directory.Exists(folder))
            {
                await CorpusLoader.AddFolderAsync(search, folder, null, ct);
            }
            _ready = true;
            return search;
        }
        finally
        {
            _once.Release();
        }
    }

    public void Dispose() => _once.Dispose();
}
