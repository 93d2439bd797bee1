using System.Text;
using RectifyBot.Retrieval;

namespace RectifyBot.Benchmarks;

/// <summary>
/// A deterministic corpus shaped like plans: documents of findings with about six measures each, measures of
/// about 165 Chinese characters (≈500 bytes of UTF-8) made of words drawn with Zipf frequencies from a
/// vocabulary of 40,000 two-to-four-character words over 3,500 characters, so term frequencies have the
/// long tail of real text rather than uniform noise.
/// </summary>
public sealed class SyntheticCorpus
{
    private const int ChunksPerDocument = 150;
    private readonly string[] _words;
    private readonly double[] _cumulative;
    private readonly string[] _organisations;

    public SyntheticCorpus(int seed = 20231122)
    {
        var random = new Random(seed);
        var characters = Enumerable.Range(0, 3500).Select(i => (char)(0x4E00 + random.Next(0x5000))).ToArray();
        _words = [.. Enumerable.Range(0, 40_000).Select(_ =>
            new string([.. Enumerable.Range(0, 2 + random.Next(3)).Select(_ => characters[(int)(characters.Length * Math.Pow(random.NextDouble(), 2))])]))];
        _cumulative = new double[_words.Length];
        var total = 0.0;
        for (var i = 0; i < _words.Length; i++)
        {
            _cumulative[i] = total += 1.0 / (i + 1);
        }
        _organisations = [.. Enumerable.Range(0, 500).Select(i => $"县第{i}局")];
    }

    public IEnumerable<DocumentChunks> Documents(int chunks, int seed = 1)
    {
        var random = new Random(seed);
        for (var start = 0; start < chunks; start += ChunksPerDocument)
        {
            var document = $"doc{start / ChunksPerDocument:D6}";
            var organisation = _organisations[random.Next(_organisations.Length)];
            var year = 2018 + random.Next(8);
            var kind = random.Next(10) switch { < 7 => ChunkKind.Plan, < 9 => ChunkKind.Report, _ => ChunkKind.Other };
            var list = new List<Chunk>(ChunksPerDocument);
            for (var i = 0; i < Math.Min(ChunksPerDocument, chunks - start); i++)
            {
                list.Add(new Chunk($"{document}#{i + 1}", document, organisation, year, kind, $"f{i / 6}", i + 1, Text(random, 150 + random.Next(30))));
            }
            yield return new DocumentChunks(document, list);
        }
    }

    public string Text(Random random, int characters)
    {
        var sb = new StringBuilder(characters + 8);
        var sentence = 0;
        while (sb.Length < characters)
        {
            sb.Append(Word(random));
            if (++sentence % 8 == 0)
            {
                sb.Append(random.Next(3) == 0 ? '。' : '，');
            }
        }
        return sb.Append('。').ToString();
    }

    private string Word(Random random)
    {
        var i = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);
        return _words[i < 0 ? ~i : i];
    }
}
