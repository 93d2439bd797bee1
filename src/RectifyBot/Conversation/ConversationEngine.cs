using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RectifyBot.Conversation.Handlers;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Text;

namespace RectifyBot.Conversation;

/// <summary>
/// One turn of conversation, the same on every channel: who is speaking, what they mean, what is done, and
/// the reply. Understanding is rule-based and offline (<see cref="RuleIntentRecognizer"/>); reads and writes
/// go through the rectification services; the user's memory is kept in the store.
/// </summary>
public sealed partial class ConversationEngine(
    RectifyDbContext db,
    OrganisationClock clock,
    ConversationMemoryStore memories,
    ConversationSnapshot snapshots,
    ChannelIdentities identities,
    IServiceProvider services,
    Telemetry telemetry,
    AccountBinding binding,
    ExactStoreVersion versions,
    ILogger<ConversationEngine> logger)
{
    // The handlers are resolved when the understood intent needs one: a turn uses one of them, and each brings its own
    // services (resolving all of them for every turn was a tenth of a rule-path turn's CPU).
    private QueryHandlers Queries => services.GetRequiredService<QueryHandlers>();
    private OfficeHandlers Office => services.GetRequiredService<OfficeHandlers>();
    private WriteHandlers Writes => services.GetRequiredService<WriteHandlers>();
    private DocumentHandlers Documents => services.GetRequiredService<DocumentHandlers>();
    private LlmIntentRecognizer Llm => services.GetRequiredService<LlmIntentRecognizer>();
    private DraftHandlers Drafts => services.GetRequiredService<DraftHandlers>();
    private ReminderHandlers Reminders => services.GetRequiredService<ReminderHandlers>();

    /// <summary>Longer messages are refused before any parsing: nobody types a plan into a chat box.</summary>
    public const int MaxMessageLength = 2000;

    /// <summary>
    /// The turn's result. <paramref name="partial"/>, for a channel that shows an answer being written, is told the
    /// whole text so far while the model writes a draft; the rule path never calls it, and the reply is what counts.
    /// </summary>
    public async Task<TurnResult> HandleAsync(IncomingMessage message, CancellationToken ct, Action<string>? partial = null)
    {
        // A rule-path turn is some ten short queries, on one connection. It is given back before waiting on a model or
        // a search service (seconds, at times), so that slow turns do not hold database connections.
        using var activity = Telemetry.Source.StartActivity("turn");
        activity?.SetTag("channel", message.Channel);
        var started = Stopwatch.GetTimestamp();
        await using var connection = await db.OpenForWorkAsync(ct);
        var result = await TurnAsync(message, partial, ct);
        activity?.SetTag("intent", result.Intent);
        telemetry.Turn(message.Channel, result.Intent, Stopwatch.GetElapsedTime(started));
        return result;
    }

    private async Task<TurnResult> TurnAsync(IncomingMessage message, Action<string>? partial, CancellationToken ct)
    {
        // Every channel's text is cleaned here, the one way in (the web form's note is cleaned the same way). One
        // character past the limit is kept, so that the recogniser still answers that the message is too long.
        var text = InputText.Clean(message.Text, MaxMessageLength + 1).Trim();
        // The memory comes with the store's exact version, the one value every cache of the turn is kept at (who is
        // speaking, the plan's shape, the handlers' queries): one statement for both, and whatever another instance
        // saved before it is seen.
        var memory = await memories.LoadAsync(message.Channel, message.UserId, ct);
        if (InboxTurn.Current is { StoredBefore: true })
        {
            // A channel's retry of a message stored before this turn began, which its first try answers: storing it finds
            // it stored and gives the turn up, as before a write, but before it is understood or answered again.
            await InboxTurn.StoreBeforeWritingAsync(db);
        }
        var version = await versions.GetAsync(ct);
        if (await identities.GetAsync(db, version, message, ct) is not { } actor)
        {
            // Binding writes to the record.
            await BeforeWritingAsync();
            return await StrangerAsync(message, text, ct);
        }
        var shape = await snapshots.GetAsync(db, version, ct);
        var turn = new Turn(actor, shape.InspectionId, clock.Today, message.Channel, memory) { Examples = shape.MaxMeasure > 0 ? (shape.MinMeasure, shape.MaxMeasure) : (1, 2), Partial = partial };

        Intent intent;
        if (message.Attachment is { } file)
        {
            intent = new AttachEvidence(file);
        }
        else if (message.Group is { } group && BindUnitChat.Parse(group, text) is { } bind)
        {
            // Said only in a group, so the recogniser never sees it: nothing a person types alone can mean it.
            intent = bind;
        }
        else
        {
            var context = Context(turn, shape);
            intent = RuleIntentRecognizer.Recognize(text, context);
            if (intent is NotUnderstood rulesAnswer && Llm.IsEnabled)
            {
                await db.Database.CloseConnectionAsync();
                intent = await Llm.RecognizeAsync(text, context, shape.InspectionId, rulesAnswer, ct);
            }
            intent = ResolvePending(intent, text, memory);
        }
        Log.Turn(logger, message.Channel, intent.GetType().Name);

        if (intent is SearchPastPlans or DraftMeasures or DraftStatusParagraph)
        {
            // Their handlers wait on the search service and the model.
            await db.Database.CloseConnectionAsync();
        }
        if (!ReadsOnly(intent))
        {
            await BeforeWritingAsync();
        }
        var outcome = await DispatchAsync(turn, intent, text, ct);
        await memories.SaveAsync(message.Channel, message.UserId, outcome.Memory ?? memory with { Pending = outcome.KeepPending ? memory.Pending : null }, ct);
        return new TurnResult(IntentName(intent), Slots(intent), outcome.Measures, outcome.Changes, outcome.Reply);
    }

    private Task<Outcome> DispatchAsync(Turn turn, Intent intent, string text, CancellationToken ct)
    {
        if (turn.InspectionId is null && intent is not (Help or Acknowledge or WhoAmI or ModelAnswer or NotUnderstood or Clarify or BindIdentity or BindWithCode or SearchPastPlans or DraftMeasures))
        {
            return Task.FromResult(Outcome.Say("库中还没有整改方案。请整改办先导入方案（rectifybot import 方案.docx）。"));
        }
        return intent switch
        {
            OverdueQuery q => Queries.OverdueAsync(turn, q, ct),
            DueQuery q => Queries.DueAsync(turn, q, ct),
            MeasureDetailQuery q => Queries.DetailAsync(turn, q, ct),
            MeasureListQuery q => Queries.ListAsync(turn, q, ct),
            UnclaimedQuery => Queries.UnclaimedAsync(turn, ct),
            ProgressStatsQuery q => Queries.StatsAsync(turn, q, ct),
            PendingCloseQuery => Office.PendingClosesAsync(turn, ct),
            PendingExtensionQuery => Office.PendingExtensionsAsync(turn, ct),
            ReturnedQuery => Office.ReturnedAsync(turn, ct),
            PendingClaimQuery => Office.PendingClaimsAsync(turn, ct),
            PendingTransferQuery => Office.PendingTransfersAsync(turn, ct),
            UnitRankingQuery q => Office.RankingAsync(turn, q, ct),
            CompletedQuery q => Office.CompletedAsync(turn, q, ct),
            StaleQuery q => Office.StaleAsync(turn, q, ct),
            TrendQuery => Office.TrendAsync(turn, ct),
            Acknowledge => Task.FromResult(OfficeHandlers.Acknowledge(turn, text, turn.Examples.First)),
            ShowMore => Queries.MoreAsync(turn, ct),
            RemindersQuery => Reminders.TodayAsync(turn, ct),
            BindUnitChat b => Reminders.BindChatAsync(turn, b, ct),
            WriteIntent w => Writes.HandleAsync(turn, w, text, ct),
            ExportLedger => Documents.LedgerAsync(turn, ct),
            GenerateStatusReport => Documents.ReportAsync(turn, ct),
            PrintClosureForm f => Documents.ClosureAsync(turn, f, ct),
            DraftStatusParagraph p => Documents.ParagraphAsync(turn, p, ct),
            ModelAnswer a => Task.FromResult(new Outcome(new Reply(a.Text)) { Measures = a.Measures }),
            SearchPastPlans q => Drafts.SearchAsync(q, ct),
            DraftMeasures q => Drafts.DraftMeasuresAsync(q, turn.Partial, ct),
            AttachEvidence a => Writes.AttachAsync(turn, a.File, ct),
            AttachStoredEvidence a => Writes.AttachStoredAsync(turn, a, ct),
            // "好的" with nothing asked is an acknowledgement.
            ConfirmPending => Task.FromResult(Outcome.Say("好的。")),
            CancelPending => Task.FromResult(Outcome.Say(turn.Memory.Pending is null ? "好的。" : "好的，已取消，没有做任何修改。")),
            Help => Task.FromResult(Outcome.Say(HelpText.For(turn.Actor, turn.Examples.First, turn.Examples.Second))),
            WhoAmI => Task.FromResult(Outcome.Say($"您是{turn.Actor.Name}，{turn.Actor.UnitName ?? "未设单位"}，{RoleText(turn.Actor)}。")),
            BindIdentity b => Task.FromResult(Outcome.Say(b.PersonName == turn.Actor.Name ? $"您好，{turn.Actor.Name}，已经认识您了。" : $"这个账号已绑定为{turn.Actor.Name}。如需更改，请联系整改办。")),
            BindWithCode => Task.FromResult(Outcome.Say($"这个账号已绑定为{turn.Actor.Name}，无需再绑定。如需更改，请联系整改办。")),
            Clarify c => Task.FromResult(Outcome.Ask(turn, c)),
            NotUnderstood n => Task.FromResult(Outcome.Say(n.Hint + (n.Suggestions.Count > 0 ? "\n" + string.Join("\n", n.Suggestions.Select(s => "· " + s)) : ""),
                n.Suggestions.Select(s => new ReplyAction(s, s)).ToList())),
            _ => Task.FromResult(Outcome.Say(Outcome.CannotDo)),
        };
    }

    /// <summary>
    /// Stores the turn's channel message, if it is not stored yet, and gives the turn's connection back: a write is made
    /// through a context of its own (<see cref="StoreWriter"/>), with a connection of its own, and turns that each held
    /// one while waiting for another emptied a small PostgreSQL pool when many wrote at once.
    /// </summary>
    private async Task BeforeWritingAsync()
    {
        await InboxTurn.StoreBeforeWritingAsync(db);
        await db.Database.CloseConnectionAsync();
    }

    /// <summary>
    /// Intents whose handlers write nothing but the conversation's memory: a channel message not stored yet (see
    /// <see cref="InboxTurn"/>) is stored with that memory, in one commit, or not at all when the reply goes back in its
    /// acknowledgement; for any other, before the handler runs (<see cref="BeforeWritingAsync"/>).
    /// </summary>
    private static bool ReadsOnly(Intent intent) => intent is OverdueQuery or DueQuery or MeasureDetailQuery or MeasureListQuery or UnclaimedQuery
        or ProgressStatsQuery or PendingCloseQuery or PendingExtensionQuery or ReturnedQuery or PendingClaimQuery or PendingTransferQuery or UnitRankingQuery or CompletedQuery
        or StaleQuery or TrendQuery or ShowMore or RemindersQuery or Acknowledge or Help or WhoAmI or BindIdentity or BindWithCode or Clarify
        or NotUnderstood or ConfirmPending or CancelPending or ModelAnswer;

    /// <summary>A yes, a no, a number or an option's label answers the pending question; anything else moves on.</summary>
    private static Intent ResolvePending(Intent intent, string text, ConversationMemory memory)
    {
        if (memory.Pending is not { } pending)
        {
            return intent;
        }
        if (intent is ConfirmPending)
        {
            return pending.OnYes ?? (pending.Options.Count == 1 ? pending.Options[0].Intent : intent);
        }
        var folded = Text.ChineseText.Fold(text).Trim();
        if (pending.Options.Count > 0)
        {
            if (Text.ChineseNumber.Parse(folded) is { } n && n >= 1 && n <= pending.Options.Count && folded.Length <= 3)
            {
                return pending.Options[n - 1].Intent;
            }
            if (pending.Options.FirstOrDefault(o => o.Label == folded) is { } chosen)
            {
                return chosen.Intent;
            }
        }
        if (pending.FilePath is not null && intent is MeasureDetailQuery { Measures: var m })
        {
            return new AttachStoredEvidence(m.Numbers[0], pending.FileName!, pending.FileContentType, pending.FilePath);
        }
        return intent;
    }

    private static UnderstandingContext Context(Turn turn, ConversationSnapshot.Shape shape)
    {
        var sender = new Sender(turn.Actor.Name, turn.Actor.UnitId, turn.Actor.UnitName,
            turn.Actor.IsOffice ? SenderRole.Office : turn.Actor.IsLeader ? SenderRole.Leader : SenderRole.UnitStaff);
        return new UnderstandingContext(sender, turn.Today, shape.Units, shape.MinMeasure, shape.MaxMeasure, turn.Memory.LastList, turn.Memory.Focus) { ListTitle = turn.Memory.ListTitle };
    }

    /// <summary>
    /// Someone the roster does not know on this channel yet. A name proves nothing, so "我是李娜" binds nothing and the
    /// answer is the same whatever the roster holds: how to bind, with a code from the web page ("绑定 123456")
    /// or through the office's roster.
    /// </summary>
    private async Task<TurnResult> StrangerAsync(IncomingMessage message, string text, CancellationToken ct)
    {
        if (message.Channel == ChannelName.Cli)
        {
            // The command line names the person with --as; there is no account to bind.
            return new TurnResult(nameof(WhoAmI), null, [], [], new Reply($"人员名册中没有“{message.UserId}”。请用 --as 指定名册中的姓名，或先用 rectifybot staff import 导入人员。"));
        }
        var stranger = new UnderstandingContext(new Sender("", null, null, SenderRole.UnitStaff), clock.Today, [], 0, 0, [], null);
        if (RuleIntentRecognizer.Recognize(text, stranger) is BindWithCode bind)
        {
            var redeemed = await binding.RedeemAsync(message.Channel, message.UserId, bind.Code, ct);
            return redeemed.Person is { } person
                ? new TurnResult(nameof(BindWithCode), null, [], [new Change("bindIdentity", 0, To: person.Name)], new Reply(redeemed.Message))
                : new TurnResult(nameof(BindWithCode), null, [], [], new Reply(redeemed.Message));
        }
        return new TurnResult(nameof(WhoAmI), null, [], [], new Reply(HowToBind(message.Channel)));
    }

    /// <summary>The answer to anyone the roster does not know: the same words whoever they claim to be.</summary>
    public static string HowToBind(string channel)
    {
        var account = channel == ChannelName.Teams ? "Teams 账号（或登录名 UPN）" : channel == ChannelName.WeCom ? "企业微信账号" : "账号";
        return "您好！这个账号还没有绑定到人员名册，为安全起见不能凭姓名绑定。请在网页版登录，点“绑定聊天账号”取得6位绑定码，" +
               $"再在这里发送“绑定 绑定码”，例如“绑定 123456”；或请整改办在人员名册中登记您的{account}。";
    }

    private static string RoleText(Actor a) => a.IsOffice ? "整改办，可查看和管理全部措施、审核销号" :
        a.IsLeader ? "领导，可查看全部措施、审批延期" : "科室人员，可认领和更新本单位的措施";

    private static string IntentName(Intent intent) => intent.GetType().Name;

    private static object? Slots(Intent intent) => intent switch
    {
        AttachEvidence => new { file = true },
        AttachStoredEvidence a => new { measures = new[] { a.Number }, file = a.FileName },
        _ => intent,
    };

    private static partial class Log
    {
        // Debug: turns are counted by channel and intent (rectifybot.turns, Telemetry); a line for each of a thousand a
        // second was 4% of a web turn's CPU, half of it on the console logger's thread.
        [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Turn on {Channel}: {Intent}")]
        public static partial void Turn(ILogger logger, string channel, string intent);
    }
}

/// <summary>What a handler needs to know about the turn.</summary>
public sealed record Turn(Actor Actor, int? InspectionId, DateOnly Today, string Channel, ConversationMemory Memory)
{
    /// <summary>Two measure numbers of the store the user is in, for the examples of 帮助 and greetings.</summary>
    public (int First, int Second) Examples { get; init; } = (1, 2);

    public int Inspection => InspectionId ?? throw new InvalidOperationException("no inspection");

    /// <summary>Where the answer so far goes while the model writes it, on a channel that shows it (ConversationEngine.HandleAsync).</summary>
    public Action<string>? Partial { get; init; }
}

/// <summary>A file arrived: it becomes evidence of the measure in focus, or the bot asks which one.</summary>
public sealed record AttachEvidence(Attachment File) : Intent;

/// <summary>
/// 本群接收提醒 (the speaker's unit) or 本群接收社会事务科的提醒 (a unit named, as the office says it), said in a group chat:
/// the unit's daily reminders go to that group from now on.
/// </summary>
public sealed partial record BindUnitChat(GroupAddress Group, string? UnitName) : Intent
{
    public static BindUnitChat? Parse(GroupAddress group, string text) =>
        Command().Match(text) is { Success: true } m ? new BindUnitChat(group, m.Groups[1].Value is { Length: > 0 } unit ? unit : null) : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:本群|这个群|此群)(?:接收|接受|收)(.*?)的?(?:每日|每天)?提醒[。！!]?$")]
    private static partial System.Text.RegularExpressions.Regex Command();
}

/// <summary>A file kept while the bot asked which measure it belongs to, now answered.</summary>
public sealed record AttachStoredEvidence(int Number, string FileName, string? ContentType, string StoredPath) : Intent;

/// <summary>A handler's result: the reply, what it touched, and the memory to keep (null: unchanged, pending cleared).</summary>
public sealed record Outcome(Reply Reply)
{
    public IReadOnlyList<int> Measures { get; init; } = [];
    public IReadOnlyList<Change> Changes { get; init; } = [];
    public ConversationMemory? Memory { get; init; }
    public bool KeepPending { get; init; }

    /// <summary>The answer to an intent no handler serves.</summary>
    public const string CannotDo = "这件事我还不会办。回复“帮助”查看我能做什么。";

    public static Outcome Say(string text, IReadOnlyList<ReplyAction>? actions = null) => new(new Reply(text) { Actions = actions ?? [] });

    /// <summary>One short question; the options are remembered so that "1", a tap or "是" completes it.</summary>
    public static Outcome Ask(Turn turn, Clarify c) => new(new Reply(
        c.Question + (c.Options.Count > 1 ? "\n" + string.Join("\n", c.Options.Select((o, i) => $"{i + 1}. {o.Label}")) : ""))
    {
        Actions = c.Options.Select((o, i) => new ReplyAction(o.Label, c.Options.Count > 1 ? (i + 1).ToString() : "是")).ToList(),
    })
    {
        Memory = turn.Memory with { Pending = c.Options.Count == 0 ? null : new Pending(c.Question, c.Options.Count == 1 ? c.Options[0].Intent : null, c.Options) },
    };
}
