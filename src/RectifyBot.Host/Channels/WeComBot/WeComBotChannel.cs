using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RectifyBot.Host.Outbox;

namespace RectifyBot.Host.Channels.WeComBot;

public static class WeComBotChannel
{
    /// <summary>
    /// Registers the AI bot: options (validated at start), the media download client, the turns, the outbox and the connector,
    /// which connects only when <c>WeComBot:BotId</c> and <c>WeComBot:Secret</c> are set.
    /// </summary>
    public static IServiceCollection AddWeComBotChannel(this IServiceCollection services)
    {
        services.AddOptions<WeComBotOptions>().BindConfiguration(WeComBotOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WeComBotOptions>, WeComBotOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        // No request logging: a media URL is a credential for its five minutes.
        services.AddHttpClient(WeComBotMedia.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddSingleton<WeComBotMedia>();
        services.AddSingleton<WeComBotClient>();
        services.AddSingleton<WeComBotTurns>();
        services.AddSingleton<WeComBotPushes>();
        services.AddOutbox<WeComBotOutbox>();
        services.AddSingleton<WeComBotConnector>();
        services.AddHostedService(sp => sp.GetRequiredService<WeComBotConnector>());
        return services;
    }
}
