using Microsoft.Extensions.DependencyInjection.Extensions;
using RectifyBot.Reminders;

namespace RectifyBot.Host.Outbox;

public static class OutboxRegistration
{
    /// <summary>A channel's outbox: for the replies of its turns, for notices, and as a way reminders go out.</summary>
    public static IServiceCollection AddOutbox<T>(this IServiceCollection services) where T : class, IOutbox
    {
        services.TryAddSingleton<Outboxes>();
        services.AddSingleton<T>();
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<T>());
        services.AddSingleton<IDigestChannel>(sp => new OutboxDigestChannel(sp.GetRequiredService<T>(), sp.GetRequiredService<Outboxes>()));
        return services;
    }
}
