namespace RectifyBot.Text;

/// <summary>Chinese numerals (一 二 十 百 千 万, 两, 〇/零) and full-width digits to integers and back.</summary>
public static class ChineseNumber
{
    private const string Digits = "零一二三四五六七八九";

    /// <summary>Parses "51", "５１", "五十一", "十二", "一百零八", "两千", "二〇二三" and "幺零八" (read digit by digit). Null when it is not a number.</summary>
    public static int? Parse(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            return null;
        }
        if (IsAllDigits(text))
        {
            long n = 0;
            foreach (var c in text)
            {
                n = (n * 10) + DigitValue(c);
                if (n > int.MaxValue)
                {
                    return null;
                }
            }
            return (int)n;
        }
        return ParseChinese(text);
    }

    public static bool IsDigitChar(char c) => c is >= '0' and <= '9' or >= '０' and <= '９';

    public static bool IsNumeralChar(char c) => IsDigitChar(c) || Digits.Contains(c) || c is '〇' or '两' or '幺' or '十' or '百' or '千' or '万';

    private static bool IsAllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!IsDigitChar(c))
            {
                return false;
            }
        }
        return true;
    }

    private static int DigitValue(char c) => c >= '０' ? c - '０' : c - '0';

    private static int? SingleDigit(char c) => c switch
    {
        '〇' or '零' => 0,
        // 幺 is how 一 is said digit by digit ("幺零八" for 108).
        '两' => 2,
        '幺' => 1,
        _ when IsDigitChar(c) => DigitValue(c),
        _ => Digits.IndexOf(c) is var i and > 0 ? i : null,
    };

    private static int? ParseChinese(ReadOnlySpan<char> text)
    {
        // "二〇二三" and similar: digits without any unit are read positionally.
        var hasUnit = text.IndexOfAny("十百千万") >= 0;
        if (!hasUnit)
        {
            var n = 0;
            foreach (var c in text)
            {
                if (SingleDigit(c) is not { } d)
                {
                    return null;
                }
                n = (n * 10) + d;
            }
            return n;
        }

        long total = 0, section = 0, digit = 0;
        var any = false;
        foreach (var c in text)
        {
            switch (c)
            {
                case '十':
                    // "十二" means 12: a bare 十 has an implied 一.
                    section += (digit == 0 ? 1 : digit) * 10;
                    digit = 0;
                    break;
                case '百':
                    section += digit * 100;
                    digit = 0;
                    break;
                case '千':
                    section += digit * 1000;
                    digit = 0;
                    break;
                case '万':
                    total += (section + digit) * 10000;
                    section = 0;
                    digit = 0;
                    break;
                default:
                    if (SingleDigit(c) is not { } d)
                    {
                        return null;
                    }
                    digit = d;
                    break;
            }
            any = true;
        }
        var result = total + section + digit;
        return any && result <= int.MaxValue ? (int)result : null;
    }

    /// <summary>Writes 1…99 999 as Chinese numerals: 26 → 二十六, 108 → 一百零八. Used for ordinals such as （二十六）.</summary>
    public static string ToChinese(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n < 10)
        {
            return Digits[n].ToString();
        }
        if (n < 20)
        {
            return "十" + (n % 10 == 0 ? "" : Digits[n % 10].ToString());
        }
        var units = new[] { (10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "") };
        var sb = new System.Text.StringBuilder();
        var pendingZero = false;
        foreach (var (value, name) in units)
        {
            var d = (n / value) % 10;
            if (value == 10000)
            {
                d = n / 10000;
            }
            if (d == 0)
            {
                pendingZero = sb.Length > 0;
                continue;
            }
            if (pendingZero)
            {
                sb.Append('零');
                pendingZero = false;
            }
            sb.Append(d < 10 ? Digits[d].ToString() : ToChinese(d)).Append(name);
        }
        return sb.ToString();
    }
}
