using System.Text.Json.Nodes;
using RectifyBot.Host.Channels.WeCom;

namespace RectifyBot.Host.Tests.Channels.WeCom;

/// <summary>Our crypto against WeCom's own implementation, @wecom/crypto.</summary>
public class WeComCryptoInteropTests
{
    private const string Timestamp = "1700000000";
    private const string Nonce = "1372623149";

    private static readonly WeComCrypto Crypto = WeComTestData.Crypto();

    /// <summary>Lengths around every padding boundary, CJK, emoji and XML.</summary>
    private static readonly string[] Messages =
    [
        .. Enumerable.Range(0, 70).Select(n => new string('x', n)),
        "整改措施（12）已完成，佐证材料已上传 ✅🏛️👨‍👩‍👧",
        WeComTestData.PostPlaintext,
        string.Concat(Enumerable.Repeat("社会事务科逾期措施：第51项。\n", 200)),
    ];

    [InteropFact]
    public async Task Messages_encrypted_and_signed_by_wecom_crypto_verify_and_decrypt_in_ours()
    {
        var encrypted = await WeComCryptoNode.RunAsync(
            [.. Messages.Select(m => Request("encrypt", ("key", WeComTestData.EncodingAesKey), ("message", m), ("id", WeComTestData.CorpId)))]);
        string[] ciphertexts = [.. encrypted.Select(a => (string)a!["encrypt"]!)];
        var signed = await WeComCryptoNode.RunAsync(
            [.. ciphertexts.Select(c => Request("sign", ("token", WeComTestData.Token), ("timestamp", Timestamp), ("nonce", Nonce), ("encrypt", c)))]);

        for (int i = 0; i < Messages.Length; i++)
        {
            var result = Crypto.VerifyAndDecrypt((string)signed[i]!["signature"]!, Timestamp, Nonce, ciphertexts[i]);
            Assert.True(result.Succeeded, $"message {i}: {result.Failure}");
            Assert.Equal(Messages[i], result.Message);
        }
    }

    [InteropFact]
    public async Task Our_replies_decrypt_in_wecom_crypto_and_it_computes_the_same_signature()
    {
        var replies = Messages.Select(m => Crypto.EncryptReply(m, Timestamp, Nonce)).ToList();

        var answers = await WeComCryptoNode.RunAsync(
        [
            .. replies.Select(r => Request("decrypt", ("key", WeComTestData.EncodingAesKey), ("encrypt", r.Encrypt))),
            .. replies.Select(r => Request("sign", ("token", WeComTestData.Token), ("timestamp", r.TimeStamp), ("nonce", r.Nonce), ("encrypt", r.Encrypt))),
        ]);

        for (int i = 0; i < replies.Count; i++)
        {
            Assert.Equal(Messages[i], (string?)answers[i]!["message"]);
            Assert.Equal(WeComTestData.CorpId, (string?)answers[i]!["id"]);
            Assert.Equal(replies[i].MsgSignature, (string?)answers[replies.Count + i]!["signature"]);
        }
    }

    [InteropFact]
    public async Task Wecom_crypto_decrypts_the_official_vectors_as_we_do()
    {
        var answers = await WeComCryptoNode.RunAsync(
            Request("decrypt", ("key", WeComTestData.EncodingAesKey), ("encrypt", WeComTestData.EchoStr)),
            Request("decrypt", ("key", WeComTestData.EncodingAesKey), ("encrypt", WeComTestData.PostEncrypt)));

        Assert.Equal(Crypto.Decrypt(WeComTestData.EchoStr).Message, (string?)answers[0]!["message"]);
        Assert.Equal(Crypto.Decrypt(WeComTestData.PostEncrypt).Message, (string?)answers[1]!["message"]);
    }

    [InteropFact]
    public async Task A_message_wecom_crypto_encrypted_for_another_corp_is_rejected_by_ours()
    {
        var answers = await WeComCryptoNode.RunAsync(
            Request("encrypt", ("key", WeComTestData.EncodingAesKey), ("message", "<xml/>"), ("id", "wwOtherCorp00000")));

        Assert.Equal(WeComCryptoFailure.WrongReceiveId, Crypto.Decrypt((string)answers[0]!["encrypt"]!).Failure);
    }

    private static JsonObject Request(string op, params (string Name, string Value)[] fields)
    {
        var request = new JsonObject { ["op"] = op };
        foreach (var (name, value) in fields)
        {
            request[name] = value;
        }
        return request;
    }
}
