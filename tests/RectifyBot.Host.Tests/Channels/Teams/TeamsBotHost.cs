using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RectifyBot.Host.Channels.Teams;

namespace RectifyBot.Host.Tests.Channels.Teams;

/// <summary>Records the turns /api/messages hands off, in place of the conversation engine.</summary>
public sealed class RecordingTurnSink : ITeamsTurnSink
{
    public ConcurrentQueue<TeamsTurn> Turns { get; } = new();

    public ConcurrentQueue<TeamsFeedback> Feedback { get; } = new();

    public ValueTask<bool> AcceptAsync(TeamsTurn turn, CancellationToken ct)
    {
        Turns.Enqueue(turn);
        return ValueTask.FromResult(true);
    }

    public ValueTask RecordFeedbackAsync(TeamsFeedback feedback, CancellationToken ct)
    {
        Feedback.Enqueue(feedback);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Our Teams channel on a real Kestrel server on loopback, configured against a <see cref="FakeBotFramework"/>.</summary>
public sealed class TeamsBotHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient client;

    public RecordingTurnSink Sink { get; }
    public IServiceProvider Services => app.Services;
    public Uri BaseAddress => client.BaseAddress!;

    private TeamsBotHost(WebApplication app, RecordingTurnSink sink)
    {
        this.app = app;
        Sink = sink;
        client = new HttpClient { BaseAddress = new Uri(FakeBotFramework.ListeningAddress(app)) };
    }

    /// <param name="appId">Null, with <paramref name="emulatorMode"/>, runs the channel in emulator mode.</param>
    /// <param name="tenantId">Set for a single-tenant app registration.</param>
    /// <param name="settings">Further settings, e.g. Teams:AllowedTenants.</param>
    public static async Task<TeamsBotHost> StartAsync(FakeBotFramework bf, string? appId = FakeBotFramework.AppId, string? tenantId = null,
        bool emulatorMode = false, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = appId,
            ["Teams:AppPassword"] = appId is null ? null : FakeBotFramework.AppPassword,
            ["Teams:TenantId"] = tenantId,
            ["Teams:OpenIdMetadataUrl"] = bf.MetadataUrl,
            ["Teams:TenantOpenIdMetadataUrl"] = tenantId is null ? null : bf.TenantMetadataUrl,
            ["Teams:TokenEndpoint"] = bf.TokenEndpoint,
            ["Teams:AllowedServiceUrls:0"] = "http://127.0.0.1:*/amer/*",
            ["Teams:EmulatorMode"] = emulatorMode ? "true" : null,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        var sink = new RecordingTurnSink();
        builder.Services.AddSingleton<ITeamsTurnSink>(sink);
        builder.Services.AddTeamsChannel(builder.Configuration);
        var app = builder.Build();
        app.MapTeams();
        await app.StartAsync();
        return new TeamsBotHost(app, sink);
    }

    public async Task<HttpResponseMessage> PostActivityAsync(string json, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }
}
