using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using RectifyBot.Host.Channels.WeCom;

namespace RectifyBot.Host.Tests.Channels.WeCom;

public class WeComCryptoTests
{
    private readonly WeComCrypto _crypto = WeComTestData.Crypto();

    [Fact]
    public void Official_url_verification_vector_verifies_and_decrypts_to_the_echo()
    {
        var result = _crypto.VerifyAndDecrypt(WeComTestData.EchoSignature, WeComTestData.EchoTimestamp, WeComTestData.EchoNonce, WeComTestData.EchoStr);

        Assert.Equal(WeComCryptoFailure.None, result.Failure);
        Assert.Equal(WeComTestData.EchoPlaintext, result.Message);
    }

    [Fact]
    public void Official_callback_vector_verifies_and_decrypts_to_the_hello_message()
    {
        var result = _crypto.VerifyAndDecrypt(WeComTestData.PostSignature, WeComTestData.PostTimestamp, WeComTestData.PostNonce, WeComTestData.PostEncrypt);

        Assert.True(result.Succeeded);
        Assert.Equal(WeComTestData.PostPlaintext, result.Message);
    }

    [Fact]
    public void Signature_matches_the_official_vector()
    {
        Assert.Equal(WeComTestData.EchoSignature, _crypto.Sign(WeComTestData.EchoTimestamp, WeComTestData.EchoNonce, WeComTestData.EchoStr));
    }

    [Fact]
    public void Encryption_with_fixed_random_matches_the_official_aes_vector()
    {
        var crypto = new WeComCrypto("any", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxb11529c136998cb6");

        string encrypt = crypto.Encrypt("我是中文abcd123", "aaaabbbbccccdddd"u8);
        // Again on the same thread, after a decryption: the thread's transforms start from the IV each time.
        crypto.Decrypt(encrypt);
        string again = crypto.Encrypt("我是中文abcd123", "aaaabbbbccccdddd"u8);

        Assert.Equal("jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==", encrypt);
        Assert.Equal(encrypt, again);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("整改措施（12）已完成 ✅ 🏛️")]
    [InlineData("exactly-aligned-to-32-bytes:")]
    public void Encrypted_reply_decrypts_and_its_signature_verifies(string message)
    {
        var reply = _crypto.EncryptReply(message, "1700000000", "n0nce");

        Assert.True(_crypto.VerifySignature(reply.MsgSignature, reply.TimeStamp, reply.Nonce, reply.Encrypt));
        Assert.Equal(message, _crypto.VerifyAndDecrypt(reply.MsgSignature, reply.TimeStamp, reply.Nonce, reply.Encrypt).Message);
    }

    [Fact]
    public void Callbacks_on_many_threads_at_once_each_decrypt_to_their_own_message()
    {
        // Each thread reuses its own AES transforms: one shared between threads would garble messages midway.
        var messages = Enumerable.Range(0, 2000).Select(i => $"<xml><Content><![CDATA[第{i}项 进展：{new string('进', i % 97)}]]></Content></xml>").ToArray();
        var opened = new string?[messages.Length];

        Parallel.For(0, messages.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var reply = _crypto.EncryptReply(messages[i], "1700000000", "n0nce");
            // A failed decryption between two good ones leaves nothing behind either.
            Assert.False(_crypto.Decrypt(Convert.ToBase64String(new byte[64])).Succeeded);
            opened[i] = _crypto.VerifyAndDecrypt(reply.MsgSignature, reply.TimeStamp, reply.Nonce, reply.Encrypt).Message;
        });

        Assert.Equal(messages, opened);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("zz00000000000000000000000000000000000000")]
    public void A_signature_that_is_not_forty_hex_digits_is_refused(string signature)
    {
        Assert.False(_crypto.VerifySignature(signature, WeComTestData.EchoTimestamp, WeComTestData.EchoNonce, WeComTestData.EchoStr));
    }

    [Fact]
    public void A_signature_in_capitals_verifies()
    {
        Assert.True(_crypto.VerifySignature(WeComTestData.EchoSignature.ToUpperInvariant(), WeComTestData.EchoTimestamp, WeComTestData.EchoNonce, WeComTestData.EchoStr));
    }

    [Fact]
    public void Reply_xml_carries_encrypt_signature_timestamp_and_nonce()
    {
        var reply = _crypto.EncryptReply("<xml/>", "1700000000", "n0nce");

        var root = System.Xml.Linq.XElement.Parse(reply.ToXml());
        Assert.Equal(reply.Encrypt, root.Element("Encrypt")?.Value);
        Assert.Equal(reply.MsgSignature, root.Element("MsgSignature")?.Value);
        Assert.Equal("1700000000", root.Element("TimeStamp")?.Value);
        Assert.Equal("n0nce", root.Element("Nonce")?.Value);
    }

    [Fact]
    public void A_changed_signature_timestamp_or_ciphertext_is_a_bad_signature()
    {
        string flipped = "6" + WeComTestData.EchoSignature[1..];
        Assert.Equal(WeComCryptoFailure.BadSignature,
            _crypto.VerifyAndDecrypt(flipped, WeComTestData.EchoTimestamp, WeComTestData.EchoNonce, WeComTestData.EchoStr).Failure);
        Assert.Equal(WeComCryptoFailure.BadSignature,
            _crypto.VerifyAndDecrypt(WeComTestData.EchoSignature, "1409659590", WeComTestData.EchoNonce, WeComTestData.EchoStr).Failure);
        Assert.Equal(WeComCryptoFailure.BadSignature,
            _crypto.VerifyAndDecrypt(WeComTestData.EchoSignature, WeComTestData.EchoTimestamp, WeComTestData.EchoNonce, WeComTestData.PostEncrypt).Failure);
        Assert.Equal(WeComCryptoFailure.BadSignature,
            _crypto.VerifyAndDecrypt("", WeComTestData.EchoTimestamp, WeComTestData.EchoNonce, WeComTestData.EchoStr).Failure);
    }

    [Fact]
    public void A_message_for_another_corp_is_rejected()
    {
        var other = new WeComCrypto(WeComTestData.Token, WeComTestData.EncodingAesKey, "wwOtherCorp00000");

        Assert.Equal(WeComCryptoFailure.WrongReceiveId, _crypto.Decrypt(other.Encrypt("<xml/>")).Failure);
    }

    [Fact]
    public void A_message_under_another_key_is_rejected_not_thrown()
    {
        var other = new WeComCrypto(WeComTestData.Token, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", WeComTestData.CorpId);

        Assert.False(_crypto.Decrypt(other.Encrypt("<xml/>")).Succeeded);
    }

    [Fact]
    public void Truncated_ciphertext_is_rejected()
    {
        byte[] cipher = Convert.FromBase64String(WeComTestData.PostEncrypt);

        Assert.Equal(WeComCryptoFailure.BadCiphertextLength, _crypto.Decrypt(Convert.ToBase64String(cipher[..^16])).Failure);
        Assert.Equal(WeComCryptoFailure.BadCiphertextLength, _crypto.Decrypt(Convert.ToBase64String(cipher[..^1])).Failure);
        Assert.False(_crypto.Decrypt(Convert.ToBase64String(cipher[..^32])).Succeeded);
        Assert.Equal(WeComCryptoFailure.BadCiphertextLength, _crypto.Decrypt("").Failure);
    }

    [Fact]
    public void Ciphertext_with_extra_blocks_appended_is_rejected()
    {
        byte[] cipher = Convert.FromBase64String(WeComTestData.PostEncrypt);

        Assert.Equal(WeComCryptoFailure.BadCiphertextLength, _crypto.Decrypt(Convert.ToBase64String([.. cipher, .. new byte[16]])).Failure);
        Assert.False(_crypto.Decrypt(Convert.ToBase64String([.. cipher, .. new byte[32]])).Succeeded);
        Assert.False(_crypto.Decrypt(Convert.ToBase64String([.. cipher, .. cipher[..32]])).Succeeded);
    }

    [Fact]
    public void Text_that_is_not_base64_is_rejected()
    {
        Assert.Equal(WeComCryptoFailure.NotBase64, _crypto.Decrypt("not base64!").Failure);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(200)]
    public void Padding_values_outside_1_to_32_are_rejected(int pad)
    {
        byte[] plain = Layout("<xml/>", WeComTestData.CorpId, padTo: 64);
        plain[^1] = (byte)pad;

        Assert.Equal(WeComCryptoFailure.BadPadding, _crypto.Decrypt(RawEncrypt(plain)).Failure);
    }

    [Fact]
    public void Padding_bytes_that_disagree_are_rejected()
    {
        byte[] plain = Layout("<xml/>", WeComTestData.CorpId, padTo: 64);
        plain[^2] ^= 0x01;

        Assert.Equal(WeComCryptoFailure.BadPadding, _crypto.Decrypt(RawEncrypt(plain)).Failure);
    }

    [Theory]
    [InlineData(uint.MaxValue)]
    [InlineData(int.MaxValue + 1u)]
    [InlineData(1000u)]
    public void A_length_field_beyond_the_plaintext_is_rejected(uint length)
    {
        byte[] plain = Layout("<xml/>", WeComTestData.CorpId, padTo: 64);
        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(16), length);

        Assert.Equal(WeComCryptoFailure.BadLengthField, _crypto.Decrypt(RawEncrypt(plain)).Failure);
    }

    [Fact]
    public void A_plaintext_too_short_for_its_header_is_rejected()
    {
        byte[] plain = new byte[32];
        plain.AsSpan(16).Fill(16);

        Assert.Equal(WeComCryptoFailure.BadLengthField, _crypto.Decrypt(RawEncrypt(plain)).Failure);
    }

    [Fact]
    public void A_message_that_is_not_utf8_is_rejected()
    {
        byte[] plain = Layout("\u00e9", WeComTestData.CorpId, padTo: 64);
        plain[20] = 0xC3;
        plain[21] = 0x28;

        Assert.Equal(WeComCryptoFailure.NotUtf8, _crypto.Decrypt(RawEncrypt(plain)).Failure);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2+")]
    public void An_invalid_encoding_aes_key_is_refused_at_construction(string key)
    {
        Assert.False(WeComCrypto.IsValidEncodingAesKey(key));
        Assert.Throws<ArgumentException>(() => new WeComCrypto("t", key, "c"));
    }

    /// <summary>random(16) ‖ length ‖ msg ‖ receiveid ‖ PKCS#7 padding to <paramref name="padTo"/> bytes.</summary>
    private static byte[] Layout(string message, string receiveId, int padTo)
    {
        byte[] msg = Encoding.UTF8.GetBytes(message);
        byte[] id = Encoding.UTF8.GetBytes(receiveId);
        var plain = new byte[padTo];
        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(16), (uint)msg.Length);
        msg.CopyTo(plain, 20);
        id.CopyTo(plain, 20 + msg.Length);
        int pad = padTo - 20 - msg.Length - id.Length;
        plain.AsSpan(padTo - pad).Fill((byte)pad);
        return plain;
    }

    private static string RawEncrypt(byte[] plain)
    {
        using var aes = Aes.Create();
        aes.Key = Convert.FromBase64String(WeComTestData.EncodingAesKey + "=");
        return Convert.ToBase64String(aes.EncryptCbc(plain, aes.Key.AsSpan(0, 16), PaddingMode.None));
    }
}
