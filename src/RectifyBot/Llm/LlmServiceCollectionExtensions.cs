using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace RectifyBot.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// The optional model: the <see cref="Kernel"/> is registered only when configured, and whatever uses it takes it
    /// as optional. The settings are checked here, at start, because the command line builds no host and so never
    /// runs ValidateOnStart: a half-done Llm section must fail loudly rather than leave the model silently off.
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
            services.AddSingleton(sp => LlmKernel.Create(sp.GetRequiredService<IOptions<LlmOptions>>().Value));
        }
        return services;
    }
}
