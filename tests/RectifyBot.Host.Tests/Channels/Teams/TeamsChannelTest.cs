namespace RectifyBot.Host.Tests.Channels.Teams;

/// <summary>A fresh fake Bot Framework and our bot, authenticated mode, for every test.</summary>
public abstract class TeamsChannelTest : IAsyncLifetime
{
    protected FakeBotFramework Bf { get; private set; } = null!;
    protected TeamsBotHost Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Bf = await FakeBotFramework.StartAsync();
        Bot = await TeamsBotHost.StartAsync(Bf);
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Bf.DisposeAsync();
    }
}
