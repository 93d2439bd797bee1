using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RectifyBot.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// The optional model. Its options are always registered and validated; the <see cref="IChatClient"/> only
    /// when configured, and the recogniser and drafter take it as optional, so <c>IsEnabled</c> says whether it is on.
    /// </summary>
    public static IServiceCollection AddLlm(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LlmOptions.Section);
        services.AddOptions<LlmOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PromptLibrary>();
        if (section.Get<LlmOptions>() is { Enabled: true })
        {
            services.AddSingleton<IChatClient>(sp => new OpenAiCompatibleChatClient(sp.GetRequiredService<IOptions<LlmOptions>>().Value));
        }
        services.AddSingleton<LlmIntentRecognizer>();
        services.AddSingleton<LlmMeasureDrafter>();
        return services;
    }
}
