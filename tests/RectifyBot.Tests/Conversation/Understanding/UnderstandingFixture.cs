using RectifyBot.Conversation;
using RectifyBot.Conversation.Understanding;

namespace RectifyBot.Tests.Conversation.Understanding;

/// <summary>
/// The units of seed 003 with the people of conversations.md in them, and its roster, with the clock at 2023-11-21 and measures 1–158.
/// </summary>
public static class UnderstandingFixture
{
    public static readonly DateOnly Today = new(2023, 11, 21);

    public static readonly IReadOnlyList<UnitName> Units =
    [
        new(1, "社会事务科", []) { People = ["李娜"] },
        new(2, "社会救助科", []) { People = ["王强"] },
        new(3, "低保中心", ["县低保中心"]),
        new(4, "办公室", ["整改办", "局办公室"]) { People = ["陈奇奇"] },
        new(5, "政务服务科", []),
        new(6, "殡葬服务中心", ["县殡葬服务中心", "殡服中心"]),
        new(7, "规划财务科", ["局机关规划财务科"]),
        new(8, "机关支部", ["机关党支部"]),
        new(9, "局党组", []) { People = ["巨伟"] },
    ];

    public static readonly IReadOnlyDictionary<string, Sender> Roster = new Dictionary<string, Sender>
    {
        ["李娜"] = new("李娜", 1, "社会事务科", SenderRole.UnitStaff),
        ["王强"] = new("王强", 2, "社会救助科", SenderRole.UnitStaff),
        ["陈奇奇"] = new("陈奇奇", 4, "办公室", SenderRole.Office),
        ["巨伟"] = new("巨伟", 9, "局党组", SenderRole.Leader),
        ["新人"] = new("新人", null, null, SenderRole.UnitStaff),
    };

    public static UnderstandingContext Context(string sender = "李娜", IReadOnlyList<int>? lastList = null, int? focus = null) =>
        new(Roster[sender], Today, Units, 1, 158, lastList ?? [], focus);

    /// <summary>The date window an intent asks about, if it has one.</summary>
    public static DateWindow? WindowOf(Intent intent) => intent switch
    {
        DueQuery q => q.Window,
        CompletedQuery q => q.Window,
        _ => null,
    };

    /// <summary>
    /// An intent as flat slots ("intent", "measures", "unit" …), the form the utterance file states its
    /// expectations in. Clarify is described by its options; the wording of questions and hints is not compared.
    /// </summary>
    public static SortedDictionary<string, string> Describe(Intent intent)
    {
        var d = new SortedDictionary<string, string> { ["intent"] = intent.GetType().Name };
        void Put(string key, object? value)
        {
            if (value is not null)
            {
                d[key] = value switch
                {
                    MeasureRef r => string.Join(",", r.Numbers),
                    UnitRef u => u.Name,
                    DateWindow w => $"{w.From:yyyy-MM-dd}..{w.To:yyyy-MM-dd}",
                    DateOnly date => date.ToString("yyyy-MM-dd"),
                    bool b => b ? "true" : "false",
                    _ => value.ToString()!,
                };
            }
        }
        switch (intent)
        {
            case OverdueQuery q: Put("unit", q.Unit); break;
            case DueQuery q: Put("window", q.Window); Put("unit", q.Unit); break;
            case MeasureDetailQuery q: Put("measures", q.Measures); break;
            case MeasureListQuery q: Put("unit", q.Unit); Put("filter", q.Filter); break;
            case ProgressStatsQuery q: Put("unit", q.Unit); break;
            case UnitRankingQuery q: Put("by", System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(q.By.ToString())); break;
            case CompletedQuery q: Put("window", q.Window); break;
            case StaleQuery q: Put("unit", q.Unit); Put("days", q.Days); break;
            case SearchPastPlans q: Put("query", q.Query); break;
            case DraftMeasures q: Put("problem", q.Problem); break;
            case DraftStatusParagraph q: Put("problem", q.Problem); Put("measures", q.Measures); break;
            case ExportLedger q: Put("unit", q.Unit); break;
            case PrintClosureForm q: Put("measures", q.Measures); break;
            case BindIdentity q: Put("person", q.PersonName); break;
            case ClaimMeasures q: Put("measures", q.Measures); Put("unit", q.Unit); if (q.CoClaim) { Put("coClaim", true); } break;
            case ApproveClaim q: Put("measures", q.Measures); break;
            case RefuseClaim q: Put("measures", q.Measures); break;
            case ApproveTransfer q: Put("measures", q.Measures); break;
            case RefuseTransfer q: Put("measures", q.Measures); Put("reason", q.Reason); break;
            case ReportProgress q: Put("measures", q.Measures); Put("text", q.Text); Put("status", q.NewStatus); break;
            case ChangeStatus q: Put("measures", q.Measures); Put("status", q.Status); break;
            case RequestClose q: Put("measures", q.Measures); break;
            case ApproveClose q: Put("measures", q.Measures); break;
            case ReturnClose q: Put("measures", q.Measures); Put("reason", q.Reason); break;
            case RequestExtension q: Put("measures", q.Measures); Put("date", q.NewDeadline); Put("reason", q.Reason); break;
            case ApproveExtension q: Put("measures", q.Measures); break;
            case RefuseExtension q: Put("measures", q.Measures); Put("reason", q.Reason); break;
            case BulkStatusChange q: Put("status", q.Status); break;
            case SignClose q: Put("measures", q.Measures); break;
            case HandOver q: Put("from", q.From); Put("to", q.To); break;
            case Clarify q: Put("options", string.Join("|", q.Options.Select(o => o.Label))); break;
        }
        return d;
    }
}
