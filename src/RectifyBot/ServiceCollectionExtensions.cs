using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Documents;
using RectifyBot.Drafting;
using RectifyBot.Llm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RectifyBot.Rectification;
using RectifyBot.Retrieval;
using RectifyBot.Store;

namespace RectifyBot;

public static class ServiceCollectionExtensions
{
    /// <summary>The meter every part records to; the channels ask for it too, so each may be registered alone.</summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<Telemetry>();
        return services;
    }

    /// <summary>Everything the product needs except transports: the store, queries, the workflow and the documents.</summary>
    public static IServiceCollection AddRectifyBot(this IServiceCollection services, IConfiguration configuration,
        string contentRoot, StoreOptions? overrideStore = null)
    {
        services.AddLogging();
        services.AddTelemetry();
        services.AddRectifyStore(configuration, contentRoot, overrideStore);
        services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<RectifyDbContext>>().CreateDbContext());
        services.AddScoped<ExactStoreVersion>();
        services.AddScoped<MeasureQueries>();
        services.AddScoped<ReviewQueues>();
        services.AddScoped<LeaderQueries>();
        services.AddSingleton<QueryCache>();
        services.AddSingleton<RecentStoreVersion>();
        services.AddScoped<UnitDirectory>();
        services.AddScoped<StaffRoster>();
        services.AddOptions<WeComContactsOptions>().Bind(configuration.GetSection(WeComContactsOptions.Section));
        services.AddSingleton<WeComContacts>();
        services.AddSingleton<StoreWriter>();
        services.AddOptions<EvidenceOptions>().Bind(configuration.GetSection(EvidenceOptions.Section));
        services.AddSingleton<EvidenceStore>();
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.Section));
        services.AddScoped<MeasureWorkflow>();
        services.AddScoped<ConcentratedStage>();
        services.AddScoped<Handover>();
        services.AddSingleton<AccountBinding>();
        services.AddOptions<Reminders.ReminderOptions>().Bind(configuration.GetSection(Reminders.ReminderOptions.Section))
            .Validate(o => o.YellowDays <= o.GreenDays && o.Hour is >= 0 and < 24 && !o.IsQuiet(o.Hour),
                "Reminders: YellowDays must not exceed GreenDays, and Hour must be 0–23 outside the quiet hours.");
        services.AddScoped<Reminders.DigestBuilder>();
        services.AddScoped<Reminders.ReminderRun>();
        services.AddScoped<Reminders.Dashboard>();
        services.AddScoped<Conversation.Handlers.ReminderHandlers>();
        services.AddScoped<DemoData>();
        services.AddScoped<Import.PlanImporter>();
        services.AddScoped<Import.LedgerReimport>();
        services.AddScoped<Conversation.ConversationMemoryStore>();
        services.AddSingleton<Conversation.ConversationSnapshot>();
        services.AddSingleton<Conversation.ChannelIdentities>();
        services.AddScoped<Conversation.Handlers.QueryHandlers>();
        services.AddScoped<Conversation.Handlers.OfficeHandlers>();
        services.AddScoped<Conversation.Handlers.WriteHandlers>();
        services.AddLlm(configuration);
        services.AddScoped<Conversation.Understanding.LlmIntentRecognizer>();
        services.AddSingleton<LlmMeasureDrafter>();
        services.AddSingleton<LlmReportWriter>();
        services.AddScoped<Conversation.ConversationEngine>();
        services.AddScoped<LedgerLoader>();
        services.AddScoped<DocumentExports>();
        services.AddSingleton<StatusParagraphComposer>();
        services.AddSingleton<ClosureForms>();
        services.AddScoped<ArchiveWriter>();
        services.AddScoped<Conversation.Handlers.DocumentHandlers>();
        services.AddScoped<Conversation.Handlers.DraftHandlers>();
        services.AddOptions<RetrievalOptions>().Bind(configuration.GetSection(RetrievalOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // One index per process: it keeps the chunk table in memory and serialises its own writes.
        services.AddSingleton(sp => HybridSearch.Open(
            RetrievalOptions.IndexFolder(sp.GetRequiredService<IOptions<DataOptions>>().Value.Path),
            sp.GetRequiredService<IOptions<RetrievalOptions>>().Value,
            sp.GetRequiredService<ILogger<HybridSearch>>()));
        services.AddSingleton(sp => new CorpusBootstrap(sp.GetRequiredService<HybridSearch>(),
            Path.Combine(contentRoot, sp.GetRequiredService<IOptions<RetrievalOptions>>().Value.CorpusPath)));
        services.AddSingleton<Drafting.MeasureDrafter>();
        services.AddSingleton<Drafting.ReportParagraphDrafter>();
        services.AddSingleton<IReportPolisher>(sp => sp.GetRequiredService<Drafting.ReportParagraphDrafter>());
        services.AddSingleton<Operations.StoreBackup>();
        return services;
    }
}
