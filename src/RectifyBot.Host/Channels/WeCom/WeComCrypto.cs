using System.Buffers;
using System.Buffers.Binary;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace RectifyBot.Host.Channels.WeCom;

/// <summary>Why a callback could not be opened; the endpoint logs it and answers 400/401.</summary>
public enum WeComCryptoFailure
{
    None,
    BadSignature,
    NotBase64,
    BadCiphertextLength,
    BadPadding,
    BadLengthField,
    NotUtf8,
    WrongReceiveId,
}

/// <summary>The plaintext of a verified, decrypted callback, or why there is none.</summary>
public readonly record struct WeComDecryption(string Message, WeComCryptoFailure Failure)
{
    public bool Succeeded => Failure == WeComCryptoFailure.None;

    internal static WeComDecryption Fail(WeComCryptoFailure failure) => new("", failure);
}

/// <summary>A passive reply (被动回复) ready to be the HTTP response body.</summary>
public sealed record WeComEncryptedReply(string Encrypt, string MsgSignature, string TimeStamp, string Nonce)
{
    /// REF: https://developer.work.weixin.qq.com/document/path/90241 (被动回复消息格式)
    public string ToXml() =>
        $"<xml><Encrypt>{WeComXml.CData(Encrypt)}</Encrypt><MsgSignature>{WeComXml.CData(MsgSignature)}</MsgSignature>" +
        $"<TimeStamp>{SecurityElement.Escape(TimeStamp)}</TimeStamp><Nonce>{WeComXml.CData(Nonce)}</Nonce></xml>";
}

/// <summary>
/// WeCom callback crypto: msg_signature, and AES-256-CBC over random(16) ‖ length(4, big-endian) ‖ msg ‖ receiveid
/// with PKCS#7 padding to 32 bytes.
/// REF: https://developer.work.weixin.qq.com/document/path/90968 (加解密方案说明)
/// </summary>
public sealed class WeComCrypto
{
    private const int RandomLength = 16;
    private const int LengthFieldSize = 4;
    // 加解密方案说明: "PKCS#7 填充至 32 字节的倍数", not the 16-byte AES block .NET's PaddingMode.PKCS7 uses.
    private const int PaddingBlock = 32;
    private const int EncodingAesKeyLength = 43;
    // 加解密方案说明: "IV 初始向量大小为 16 字节，取 AESKey 前 16 字节".
    private const int IvLength = 16;

    private readonly string _token;
    private readonly byte[] _key;
    private readonly byte[] _receiveId;

    // A callback is decrypted and its reply encrypted with the same key and IV every time: each thread keeps one
    // transform of each direction, which a final block resets to the IV, instead of a new OpenSSL context per call
    // (a callback's decryption and its reply's encryption 10 → 7 µs, 9.4 → 4.3 KB allocated).
    private readonly ThreadLocal<ICryptoTransform?> _decryptor = new();
    private readonly ThreadLocal<ICryptoTransform?> _encryptor = new();

    /// <param name="receiveId">The CorpID for a self-built app (自建应用).</param>
    public WeComCrypto(string token, string encodingAesKey, string receiveId)
    {
        if (!IsValidEncodingAesKey(encodingAesKey))
        {
            throw new ArgumentException("EncodingAESKey must be 43 characters of [A-Za-z0-9].", nameof(encodingAesKey));
        }
        _token = token;
        _key = Convert.FromBase64String(encodingAesKey + "=");
        _receiveId = Encoding.UTF8.GetBytes(receiveId);
    }

    public static bool IsValidEncodingAesKey(string encodingAesKey) =>
        encodingAesKey.Length == EncodingAesKeyLength && encodingAesKey.All(char.IsAsciiLetterOrDigit);

    /// <summary>msg_signature = hex(SHA1(concat(sort(token, timestamp, nonce, encrypt)))).</summary>
    public string Sign(string timestamp, string nonce, string encrypt)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        Hash(timestamp, nonce, encrypt, hash);
        return Convert.ToHexStringLower(hash);
    }

    public bool VerifySignature(string signature, string timestamp, string nonce, string encrypt)
    {
        Span<byte> expected = stackalloc byte[SHA1.HashSizeInBytes];
        if (signature.Length != 2 * SHA1.HashSizeInBytes || Convert.FromHexString(signature, expected, out _, out _) != OperationStatus.Done)
        {
            return false;
        }
        Span<byte> actual = stackalloc byte[SHA1.HashSizeInBytes];
        Hash(timestamp, nonce, encrypt, actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private void Hash(string timestamp, string nonce, string encrypt, Span<byte> hash)
    {
        string[] parts = [_token, timestamp, nonce, encrypt];
        Array.Sort(parts, StringComparer.Ordinal);
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(_token.Length + timestamp.Length + nonce.Length + encrypt.Length));
        var length = 0;
        foreach (var part in parts)
        {
            length += Encoding.UTF8.GetBytes(part, utf8.AsSpan(length));
        }
        SHA1.HashData(utf8.AsSpan(0, length), hash);
        ArrayPool<byte>.Shared.Return(utf8);
    }

    /// <summary>Checks msg_signature, then decrypts; used for the GET echostr and the POST Encrypt alike.</summary>
    public WeComDecryption VerifyAndDecrypt(string signature, string timestamp, string nonce, string encrypt) =>
        VerifySignature(signature, timestamp, nonce, encrypt)
            ? Decrypt(encrypt)
            : WeComDecryption.Fail(WeComCryptoFailure.BadSignature);

    public WeComDecryption Decrypt(string encrypt)
    {
        var cipher = ArrayPool<byte>.Shared.Rent(encrypt.Length * 3 / 4);
        var plain = ArrayPool<byte>.Shared.Rent(cipher.Length);
        try
        {
            if (!Convert.TryFromBase64String(encrypt, cipher, out int cipherLength))
            {
                return WeComDecryption.Fail(WeComCryptoFailure.NotBase64);
            }
            if (cipherLength == 0 || cipherLength % PaddingBlock != 0)
            {
                return WeComDecryption.Fail(WeComCryptoFailure.BadCiphertextLength);
            }
            return Open(plain.AsSpan(0, Transform(encrypt: false, cipher, cipherLength, plain)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(cipher);
            ArrayPool<byte>.Shared.Return(plain);
        }
    }

    private WeComDecryption Open(ReadOnlySpan<byte> plain)
    {
        int pad = plain[^1];
        if (pad is < 1 or > PaddingBlock || plain[(plain.Length - pad)..].ContainsAnyExcept((byte)pad))
        {
            return WeComDecryption.Fail(WeComCryptoFailure.BadPadding);
        }
        var content = plain[..^pad];
        if (content.Length < RandomLength + LengthFieldSize)
        {
            return WeComDecryption.Fail(WeComCryptoFailure.BadLengthField);
        }

        uint messageLength = BinaryPrimitives.ReadUInt32BigEndian(content[RandomLength..]);
        var rest = content[(RandomLength + LengthFieldSize)..];
        if (messageLength > (uint)rest.Length)
        {
            return WeComDecryption.Fail(WeComCryptoFailure.BadLengthField);
        }
        var message = rest[..(int)messageLength];
        if (!rest[(int)messageLength..].SequenceEqual(_receiveId))
        {
            return WeComDecryption.Fail(WeComCryptoFailure.WrongReceiveId);
        }
        if (!Utf8.IsValid(message))
        {
            return WeComDecryption.Fail(WeComCryptoFailure.NotUtf8);
        }
        return new WeComDecryption(Encoding.UTF8.GetString(message), WeComCryptoFailure.None);
    }

    public string Encrypt(string message)
    {
        Span<byte> random = stackalloc byte[RandomLength];
        RandomNumberGenerator.Fill(random);
        return Encrypt(message, random);
    }

    /// <summary>Encrypts with the given 16 random bytes; deterministic, for the official test vector.</summary>
    internal string Encrypt(string message, ReadOnlySpan<byte> random)
    {
        if (random.Length != RandomLength)
        {
            throw new ArgumentException($"The random prefix must be {RandomLength} bytes.", nameof(random));
        }
        int messageLength = Encoding.UTF8.GetByteCount(message);
        int contentLength = RandomLength + LengthFieldSize + messageLength + _receiveId.Length;
        int pad = PaddingBlock - contentLength % PaddingBlock;
        int length = contentLength + pad;

        var plain = ArrayPool<byte>.Shared.Rent(length);
        var cipher = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            random.CopyTo(plain);
            BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(RandomLength), (uint)messageLength);
            Encoding.UTF8.GetBytes(message, plain.AsSpan(RandomLength + LengthFieldSize));
            _receiveId.CopyTo(plain.AsSpan(RandomLength + LengthFieldSize + messageLength));
            plain.AsSpan(contentLength, pad).Fill((byte)pad);
            return Convert.ToBase64String(cipher.AsSpan(0, Transform(encrypt: true, plain, length, cipher)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
            ArrayPool<byte>.Shared.Return(cipher);
        }
    }

    /// <summary>
    /// Runs whole 32-byte blocks through this thread's transform, whose final block then resets it to the IV for the
    /// next call; a transform that failed midway is dropped rather than left holding another message's chaining state.
    /// </summary>
    private int Transform(bool encrypt, byte[] input, int length, byte[] output)
    {
        var transforms = encrypt ? _encryptor : _decryptor;
        if (transforms.Value is not { } transform)
        {
            using var aes = Aes.Create();
            aes.Padding = PaddingMode.None;
            transform = transforms.Value = encrypt ? aes.CreateEncryptor(_key, _key[..IvLength]) : aes.CreateDecryptor(_key, _key[..IvLength]);
        }
        try
        {
            var written = transform.TransformBlock(input, 0, length, output, 0);
            transform.TransformFinalBlock([], 0, 0);
            return written;
        }
        catch
        {
            transform.Dispose();
            transforms.Value = null;
            throw;
        }
    }

    /// <summary>Encrypts and signs a passive reply's plaintext XML.</summary>
    public WeComEncryptedReply EncryptReply(string replyXml, string timestamp, string nonce)
    {
        string encrypt = Encrypt(replyXml);
        return new WeComEncryptedReply(encrypt, Sign(timestamp, nonce, encrypt), timestamp, nonce);
    }
}
