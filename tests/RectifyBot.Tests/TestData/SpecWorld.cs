using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Conversation;
using RectifyBot.Import;
using RectifyBot.Rectification;
using RectifyBot.Store;

namespace RectifyBot.Tests.TestData;

/// <summary>
/// Who and what the conversation spec talks about in one world: the four people of its roster and the measures
/// each row of the spec needs. Theory texts name them as placeholders ({unit}, {detail}…) that <see cref="Fill"/>
/// replaces, so one spec runs on seed 003 and on the fictional plan alike.
/// </summary>
public sealed record SpecCast(
    string Plan, string Roster,
    string Staff, string Unit, string UnitShort, string OtherStaff, string OtherUnit, string Office, string Leader,
    int Total, int Detail, string DetailTitle, int Unled, int RangeFrom, int RangeTo, int CoClaim, int Extension, string ExtensionDue,
    int Paragraph, string Keyword, int KeywordMeasure, string QuietUnit, int QuietNext, int FirstClaim,
    string UnknownUnit, string Suggested, string SecondSuggested)
{
    /// <summary>../shared/conversations.md's own world: seed 003 and its roster.</summary>
    public static SpecCast Seed003 => new(
        Shared.Seed("003"),
        """
        name,unit,roles,teamsId,wecomId,webLogin
        李娜,社会事务科,unit,,,
        王强,社会救助科,unit,,,
        陈奇奇,办公室,office,,,
        巨伟,局党组,leader,,,
        """,
        "李娜", "社会事务科", "社事科", "王强", "社会救助科", "陈奇奇", "巨伟",
        158, 51, "开展“僵尸型”社会组织专项清理工作", 54, 52, 53, 11, 49, "2025-06-30",
        56, "活人墓", 32, "规划财务科", 123, 2,
        "社会保障科", "社会事务科", "社会救助科");

    /// <summary>An invented culture bureau's plan and roster in TestData/Plans: the same behaviours on a clean clone.</summary>
    public static SpecCast Fictional => new(
        Path.Combine(AppContext.BaseDirectory, "TestData", "Plans", "fictional-culture-bureau.txt"),
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Plans", "fictional-culture-bureau-roster.csv")),
        "周敏", "文物保护科", "文保科", "刘洋", "文物安全科", "孙丽", "高峰",
        34, 12, "开展“沉睡藏品”专项清查工作", 15, 13, 14, 8, 20, "2025-06-30",
        22, "古树名木", 18, "计划财务科", 25, 1,
        "文物管理科", "文物保护科", "文物安全科");

    public string Fill(string text) => text
        .Replace("{unit}", Unit, StringComparison.Ordinal).Replace("{short}", UnitShort, StringComparison.Ordinal)
        .Replace("{detail}", Detail.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

/// <summary>
/// A spec world: the cast's plan imported through the real importer into a real SQLite store, its roster through
/// the real roster import, and the clock at 2023-11-21.
/// </summary>
public sealed class SpecWorld : IAsyncDisposable
{
    private SpecWorld(TestStore store, SpecCast cast) => (Store, Cast) = (store, cast);

    public TestStore Store { get; }

    public SpecCast Cast { get; }

    public static DateOnly Today { get; } = new(2023, 11, 21);

    /// <param name="settings">Configuration beyond the store's defaults, e.g. Workflow:SignOff.</param>
    public static async Task<SpecWorld> CreateAsync(SpecCast cast, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var store = await TestStore.CreateAsync(StoreProvider.Sqlite, TestClock.At("2023-11-21"), settings: settings);
        var doc = await PlanParser.ParseFileAsync(cast.Plan, Today, CancellationToken.None);
        await using var scope = store.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<PlanImporter>()
            .ImportAsync(doc, cast.Plan, PlanImporter.Sha256Of(await File.ReadAllBytesAsync(cast.Plan)), null, null, CancellationToken.None);
        Assert.Null(result.Error);
        var roster = await scope.ServiceProvider.GetRequiredService<StaffRoster>().ImportCsvAsync(new StringReader(cast.Roster), null, CancellationToken.None);
        Assert.Empty(roster.Errors);
        return new SpecWorld(store, cast);
    }

    /// <summary>One turn, as <paramref name="who"/> on the command-line channel, through the engine from DI.</summary>
    public async Task<TurnResult> SayAsync(string who, string? text, Attachment? file = null)
    {
        await using var scope = Store.Scope();
        return await scope.ServiceProvider.GetRequiredService<ConversationEngine>()
            .HandleAsync(new IncomingMessage(ChannelName.Cli, who, text) { Attachment = file }, CancellationToken.None);
    }

    /// <summary>A fresh world that starts as this one, for a case that writes.</summary>
    public async Task<SpecWorld> CopyAsync() => new(await Store.CopyAsync(), Cast);

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
