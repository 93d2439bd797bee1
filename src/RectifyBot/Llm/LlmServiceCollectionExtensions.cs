using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RectifyBot.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// The optional model. The <see cref="IChatClient"/> is registered only when configured; the recogniser and
    /// drafter take it as optional, so their <c>IsEnabled</c> says whether it is on. The settings are checked
    /// here, at start, because the command line builds no host and so never runs ValidateOnStart: a half-done
    /// Llm section must fail loudly rather than leave the model silently off.
    /// </summary>
    public static IServiceCollection AddLlm(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LlmOptions.Section);
        var configured = section.Get<LlmOptions>() ?? new LlmOptions();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(configured, new ValidationContext(configured), errors, validateAllProperties: true))
        {
            throw new OptionsValidationException(LlmOptions.Section, typeof(LlmOptions), [.. errors.Select(e => e.ErrorMessage ?? "")]);
        }
        services.AddOptions<LlmOptions>().Bind(section).ValidateDataAnnotations();
        services.AddSingleton<PromptLibrary>();
        if (configured.Enabled)
        {
            services.AddSingleton<IChatClient>(sp => new OpenAiCompatibleChatClient(sp.GetRequiredService<IOptions<LlmOptions>>().Value));
        }
        services.AddSingleton<LlmIntentRecognizer>();
        services.AddSingleton<LlmMeasureDrafter>();
        services.AddSingleton<LlmReportWriter>();
        return services;
    }
}
