using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RectifyBot.Host.Outbox;

namespace RectifyBot.Host.Channels.Teams;

public static class TeamsServiceCollectionExtensions
{
    private const string HttpClientName = "Teams";

    /// <summary>
    /// Registers the Teams channel: options (validated at start), token validation and the Connector client.
    /// Register an <see cref="ITeamsTurnSink"/> too.
    /// </summary>
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTelemetry();
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // The validator and the token provider hold caches, so they are singletons; their long-lived HttpClient
        // still follows DNS changes because pooled connections are recycled.
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        services.AddSingleton(sp => new BotTokenValidator(sp.GetRequiredService<IOptions<TeamsOptions>>(), CreateClient(sp)));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ConnectorTokenProvider>(sp, CreateClient(sp)));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<BotConnectorClient>(sp, CreateClient(sp)));
        services.AddOutbox<TeamsOutbox>();
        return services;
    }

    private static HttpClient CreateClient(IServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
}
