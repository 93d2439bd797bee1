using System.Security.Cryptography;
using RectifyBot.Host.Channels.WeCom;

namespace RectifyBot.Host.Channels.WeComBot;

/// <summary>
/// Images and files the AI bot receives: a URL valid for five minutes, the content encrypted with AES-256-CBC under
/// the message's own <c>aeskey</c> (base64), IV = the key's first 16 bytes, PKCS#7 padded to 32-byte blocks.
/// REF: ../shared/PROTOCOLS-2026.md §1 (official Node SDK src/crypto.ts).
/// </summary>
public sealed class WeComBotMedia(IHttpClientFactory http)
{
    public const string HttpClientName = "WeComBot";

    /// <summary>WeCom pads to 32 bytes, not to AES's 16, so .NET's own PKCS#7 check (pad ≤ 16) cannot be used.</summary>
    private const int PadBlock = 32;

    /// <summary>Downloads and decrypts; the file name comes from Content-Disposition when WeCom gives one.</summary>
    public async Task<(string? FileName, string? ContentType, byte[] Content)> DownloadAsync(Uri url, string aesKey, long maxBytes, CancellationToken ct)
    {
        using var response = await http.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > maxBytes + PadBlock)
        {
            throw new InvalidDataException("文件超过了佐证材料的大小上限。");
        }
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var encrypted = await BoundedStream.ReadAtMostAsync(body, (int)Math.Min(int.MaxValue, maxBytes + PadBlock), ct, response.Content.Headers.ContentLength)
            ?? throw new InvalidDataException("文件超过了佐证材料的大小上限。");
        return (WeComApiClient.FileName(response.Content.Headers.ContentDisposition), response.Content.Headers.ContentType?.MediaType, Decrypt(encrypted, aesKey));
    }

    internal static byte[] Decrypt(byte[] encrypted, string aesKey)
    {
        var key = Convert.FromBase64String(aesKey.Length % 4 == 0 ? aesKey : aesKey + new string('=', 4 - aesKey.Length % 4));
        if (key.Length != 32 || encrypted.Length == 0 || encrypted.Length % 16 != 0)
        {
            throw new InvalidDataException("企业微信文件的密钥或长度不对。");
        }
        using var aes = Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptCbc(encrypted, key.AsSpan(0, 16), PaddingMode.None);
        int pad = plain[^1];
        if (pad is < 1 or > PadBlock || pad > plain.Length || plain.AsSpan(plain.Length - pad).ContainsAnyExcept((byte)pad))
        {
            throw new InvalidDataException("企业微信文件解密后填充不对。");
        }
        return plain[..^pad];
    }
}
