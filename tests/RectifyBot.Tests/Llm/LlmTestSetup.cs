using Microsoft.Extensions.Logging.Abstractions;
using RectifyBot.Drafting;
using RectifyBot.Llm;

namespace RectifyBot.Tests.Llm;

/// <summary>The pieces LLM tests share: options pointed at a fake, and the drafters built over a kernel for it.</summary>
internal static class LlmTestSetup
{
    public static LlmOptions Options(Uri endpoint, int timeoutSeconds = 10, LlmProvider provider = LlmProvider.OpenAi) => new()
    {
        Provider = provider,
        Endpoint = endpoint,
        Model = FakeOpenAi.Model,
        ApiKey = FakeOpenAi.ApiKey,
        TimeoutSeconds = timeoutSeconds,
    };

    public static LlmMeasureDrafter Drafter(LlmOptions options) =>
        new(new PromptLibrary(), Microsoft.Extensions.Options.Options.Create(options), NullLogger<LlmMeasureDrafter>.Instance, LlmKernel.Create(options));

    public static LlmReportWriter ReportWriter(LlmOptions options) =>
        new(new PromptLibrary(), Microsoft.Extensions.Options.Options.Create(options), NullLogger<LlmReportWriter>.Instance, LlmKernel.Create(options));
}
