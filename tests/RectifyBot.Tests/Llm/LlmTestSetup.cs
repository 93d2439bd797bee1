using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RectifyBot.Conversation;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Llm;

namespace RectifyBot.Tests.Llm;

/// <summary>The pieces LLM tests share: options pointed at a fake, and an understanding context with two units.</summary>
internal static class LlmTestSetup
{
    public static LlmOptions Options(Uri endpoint, int timeoutSeconds = 10) => new()
    {
        Endpoint = endpoint,
        Model = FakeOpenAi.Model,
        ApiKey = FakeOpenAi.ApiKey,
        TimeoutSeconds = timeoutSeconds,
    };

    public static LlmIntentRecognizer Recognizer(LlmOptions options) =>
        new(new PromptLibrary(), Microsoft.Extensions.Options.Options.Create(options), NullLogger<LlmIntentRecognizer>.Instance, new OpenAiCompatibleChatClient(options));

    public static UnderstandingContext Context(SenderRole role = SenderRole.UnitStaff) => new(
        new Sender("李娜", 1, "社会事务科", role),
        new DateOnly(2023, 11, 21),
        [new UnitName(1, "社会事务科", ["社事科"]), new UnitName(2, "社会救助科", []), new UnitName(3, "办公室", ["整改办"])],
        1, 158, [], null);

    public static readonly NotUnderstood RulesAnswer = new("没有看懂。您可以这样说：", ["社事科逾期"]);
}
