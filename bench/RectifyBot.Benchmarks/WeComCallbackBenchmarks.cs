using System.Text;
using BenchmarkDotNet.Attributes;
using RectifyBot.Benchmarks.Load;
using RectifyBot.Host.Channels.WeCom;

namespace RectifyBot.Benchmarks;

/// <summary>
/// What a WeCom callback costs around its turn, as <c>WeComEndpoints</c> does it: the envelope read from the body's
/// bytes, the signature checked and the message decrypted and parsed, and a passive reply encrypted and signed.
/// </summary>
[MemoryDiagnoser]
public class WeComCallbackBenchmarks
{
    private const string Timestamp = "1765000000";
    private const string Nonce = "n0nce42";
    private const string Reply = "第12项（社会事务科）：完善低保动态管理机制，整改中，期限2026年12月31日。\n回复“12 进展：…”报告进展。";

    private readonly WeComCrypto _crypto = new(LoadBenchmark.Token, LoadBenchmark.AesKey, LoadBenchmark.CorpId);
    private byte[] _body = [];
    private string _signature = "";

    [GlobalSetup]
    public void Setup()
    {
        var encrypt = _crypto.Encrypt($"<xml><ToUserName><![CDATA[{LoadBenchmark.CorpId}]]></ToUserName><FromUserName><![CDATA[user0042]]></FromUserName>" +
            "<CreateTime>1765000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[第12项什么情况]]></Content>" +
            "<MsgId>7300000000000000042</MsgId><AgentID>1000002</AgentID></xml>");
        _signature = _crypto.Sign(Timestamp, Nonce, encrypt);
        _body = Encoding.UTF8.GetBytes($"<xml><ToUserName><![CDATA[{LoadBenchmark.CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>");
    }

    [Benchmark]
    public int Callback()
    {
        WeComEnvelope.TryParse(_body, out var envelope, out _);
        var opened = _crypto.VerifyAndDecrypt(_signature, Timestamp, Nonce, envelope!.Encrypt);
        WeComMessage.TryParse(opened.Message, out var message, out _);
        var reply = $"<xml><ToUserName><![CDATA[{message!.FromUserName}]]></ToUserName><FromUserName><![CDATA[{LoadBenchmark.CorpId}]]></FromUserName>" +
                    $"<CreateTime>{Timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{Reply}]]></Content></xml>";
        return _crypto.EncryptReply(reply, Timestamp, Nonce).ToXml().Length;
    }
}
