using System.Globalization;
using System.Text;

namespace RectifyBot.Host.Channels.WeCom;

/// <summary>
/// Splits a reply into parts WeCom will not truncate, at line breaks where it can, numbered "（1/3）".
/// Limits are UTF-8 bytes: REF https://developer.work.weixin.qq.com/document/path/90236 (发送应用消息:
/// text and markdown content "最长不超过2048个字节") and …/path/91770 (群机器人: markdown "最长不超过4096个字节").
/// </summary>
public static class WeComReplySplitter
{
    public const int TextMaxBytes = 2048;
    public const int AppMarkdownMaxBytes = 2048;
    public const int RobotMarkdownMaxBytes = 4096;

    /// <summary>Room for the longest numbering prefix plus at least a few characters of text.</summary>
    private const int MinMaxBytes = 64;

    private static readonly Encoding Utf8 = Encoding.UTF8;

    public static IReadOnlyList<string> Split(string text, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, MinMaxBytes);
        if (Utf8.GetByteCount(text) <= maxBytes)
        {
            return [text];
        }

        // The prefix length depends on how many parts there are; repack until the count stops changing.
        int count = 1;
        List<string> bodies;
        while (true)
        {
            bodies = Pack(text, maxBytes - Utf8.GetByteCount(Prefix(count, count)));
            if (Digits(bodies.Count) <= Digits(count))
            {
                break;
            }
            count = bodies.Count;
        }
        return [.. bodies.Select((body, i) => Prefix(i + 1, bodies.Count) + body)];
    }

    /// <summary>
    /// Markdown in parts of at most <paramref name="maxBytes"/>, cut at line breaks and not numbered (the AI bot's
    /// stream and the pushes that continue it). A table cut in two repeats its header row and separator line at the top
    /// of the next part, so each part renders as a table of its own.
    /// </summary>
    public static IReadOnlyList<string> SplitMarkdown(string markdown, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, MinMaxBytes);
        if (Utf8.GetByteCount(markdown) <= maxBytes)
        {
            return [markdown];
        }
        List<string> parts = [];
        var current = new StringBuilder();
        int currentBytes = 0;
        string? header = null;
        var lines = markdown.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            bool opensTable = IsTableRow(line) && i + 1 < lines.Length && IsTableSeparator(lines[i + 1]) && header is null;
            bool inTableBody = header is not null && IsTableRow(line) && !IsTableSeparator(line);
            if (!IsTableRow(line))
            {
                header = null;
            }
            int lineBytes = Utf8.GetByteCount(line);
            int separator = current.Length > 0 ? 1 : 0;
            if (current.Length > 0 && currentBytes + separator + lineBytes > maxBytes)
            {
                parts.Add(current.ToString());
                current.Clear();
                currentBytes = 0;
                if (inTableBody && Utf8.GetByteCount(header!) + 1 + lineBytes <= maxBytes)
                {
                    current.Append(header);
                    currentBytes = Utf8.GetByteCount(header!);
                }
            }
            if (lineBytes > maxBytes)
            {
                foreach (string piece in CutLine(line, maxBytes))
                {
                    if (current.Length > 0)
                    {
                        parts.Add(current.ToString());
                        current.Clear();
                    }
                    current.Append(piece);
                    currentBytes = Utf8.GetByteCount(piece);
                }
                continue;
            }
            if (current.Length > 0)
            {
                current.Append('\n');
                currentBytes++;
            }
            current.Append(line);
            currentBytes += lineBytes;
            if (opensTable)
            {
                header = line + "\n" + lines[i + 1];
            }
        }
        if (current.Length > 0)
        {
            parts.Add(current.ToString());
        }
        return parts;
    }

    private static bool IsTableRow(string line) => line.TrimStart().StartsWith('|');

    private static bool IsTableSeparator(string line) =>
        IsTableRow(line) && line.Trim().Trim('|').Split('|').All(cell => cell.Trim() is { Length: > 0 } c && c.Trim(':').Length > 0 && c.Trim(':').All(ch => ch == '-'));

    private static string Prefix(int index, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"（{index}/{count}）\n");

    private static int Digits(int n) => n.ToString(CultureInfo.InvariantCulture).Length;

    /// <summary>Greedy: whole lines while they fit; a line longer than a part is cut between characters.</summary>
    private static List<string> Pack(string text, int budget)
    {
        List<string> parts = [];
        var current = new StringBuilder();
        int currentBytes = 0;
        bool currentHasLine = false;

        void Flush()
        {
            parts.Add(current.ToString());
            current.Clear();
            currentBytes = 0;
            currentHasLine = false;
        }

        foreach (string line in text.Split('\n'))
        {
            int lineBytes = Utf8.GetByteCount(line);
            int separator = currentHasLine ? 1 : 0;
            if (currentBytes + separator + lineBytes > budget && currentHasLine)
            {
                Flush();
                separator = 0;
            }
            if (lineBytes <= budget)
            {
                current.Append(currentHasLine ? "\n" : "").Append(line);
                currentBytes += separator + lineBytes;
                currentHasLine = true;
                continue;
            }
            foreach (string piece in CutLine(line, budget))
            {
                if (currentHasLine)
                {
                    Flush();
                }
                current.Append(piece);
                currentBytes = Utf8.GetByteCount(piece);
                currentHasLine = true;
            }
        }
        Flush();
        return parts;
    }

    /// <summary>Cuts between user-perceived characters (so never inside a surrogate pair or an emoji sequence),
    /// and between code points only when one such character alone is longer than a part.</summary>
    private static IEnumerable<string> CutLine(string line, int budget)
    {
        var piece = new StringBuilder();
        int pieceBytes = 0;
        var elements = StringInfo.GetTextElementEnumerator(line);
        while (elements.MoveNext())
        {
            string element = elements.GetTextElement();
            int elementBytes = Utf8.GetByteCount(element);
            IEnumerable<string> units = elementBytes <= budget
                ? [element]
                : element.EnumerateRunes().Select(r => r.ToString());
            foreach (string unit in units)
            {
                int unitBytes = Utf8.GetByteCount(unit);
                if (pieceBytes + unitBytes > budget)
                {
                    yield return piece.ToString();
                    piece.Clear();
                    pieceBytes = 0;
                }
                piece.Append(unit);
                pieceBytes += unitBytes;
            }
        }
        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }
}
