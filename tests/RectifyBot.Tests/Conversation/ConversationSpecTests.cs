using Microsoft.EntityFrameworkCore;
using RectifyBot.Conversation;
using RectifyBot.Domain;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Conversation;

/// <summary>Every row of ../shared/conversations.md on seed 003 with its roster; skipped where ../shared is absent.</summary>
[NeedsShared]
public sealed class ConversationSpecTests() : ConversationSpec(() => SpecCast.Seed003);

/// <summary>Every row of the spec on the fictional culture bureau in TestData/Plans, so a clean clone runs it too.</summary>
public sealed class FictionalConversationSpecTests() : ConversationSpec(() => SpecCast.Fictional);

/// <summary>
/// Every row of ../shared/conversations.md, on a plan imported through the real importer with its roster, today
/// 2023-11-21. Expected lists are computed from the store with the domain's own rules, not written down; the
/// people and measure numbers come from the world's <see cref="SpecCast"/>.
/// </summary>
public abstract class ConversationSpec(Func<SpecCast> cast) : IAsyncLifetime
{
    private SpecWorld _world = null!;

    private SpecCast C => _world.Cast;

    public async Task InitializeAsync() => _world = await SpecWorld.CreateAsync(cast());

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    private Task<TurnResult> Say(string who, string? text) => _world.SayAsync(who, text is null ? null : C.Fill(text));

    /// <summary>Measures led or claimed by the unit that pass the filter, most overdue (earliest due) first.</summary>
    private async Task<List<int>> ExpectedAsync(string unit, Func<Measure, bool> filter)
    {
        await using var db = _world.Store.NewContext();
        var unitId = await db.Units.Where(u => u.Name == unit).Select(u => u.Id).SingleAsync();
        var measures = await db.Measures.Include(m => m.Units).Include(m => m.Claims).ToListAsync();
        return measures
            .Where(m => m.Units.Any(u => u.UnitId == unitId && u.Role == UnitRole.Lead) || m.Claims.Any(c => c.UnitId == unitId && c.WithdrawnAt == null))
            .Where(filter).OrderBy(m => m.DueDate).ThenBy(m => m.Number).Select(m => m.Number).ToList();
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = _world.Store.NewContext();
        return await db.AuditEntries.CountAsync();
    }

    private async Task<Measure> MeasureAsync(int number)
    {
        await using var db = _world.Store.NewContext();
        return await db.Measures.AsSplitQuery().Include(m => m.Updates).Include(m => m.Claims).Include(m => m.Evidence)
            .Include(m => m.CloseRequests).Include(m => m.Extensions).SingleAsync(m => m.Number == number);
    }

    // Questions

    [SpecTheory]
    [InlineData("{unit}有哪些逾期的？")]
    [InlineData("what's overdue for {unit}")]
    [InlineData("{short}逾期")]
    public async Task Overdue_for_a_unit_gives_the_count_then_the_most_overdue_first(string text)
    {
        var expected = await ExpectedAsync(C.Unit, m => m.IsOverdue(SpecWorld.Today));
        Assert.NotEmpty(expected);

        var turn = await Say(C.Staff, text);

        Assert.Equal(nameof(RectifyBot.Conversation.Understanding.OverdueQuery), turn.Intent);
        Assert.Equal(expected, turn.Measures);
        Assert.StartsWith($"{C.Unit}逾期的措施共{expected.Count}项", turn.Reply.Text);
        var first = turn.Reply.Measures[0];
        Assert.Contains($"逾期{first.DaysOverdue}天", turn.Reply.Text);
        Assert.True(turn.Reply.Measures.Select(m => m.DaysOverdue).SequenceEqual(turn.Reply.Measures.Select(m => m.DaysOverdue).OrderDescending()));
    }

    [SpecFact]
    public async Task A_unit_with_nothing_overdue_is_told_so_and_the_next_due()
    {
        var turn = await Say(C.Office, $"{C.QuietUnit}有哪些逾期的");
        Assert.StartsWith($"{C.QuietUnit}没有逾期的措施。下一项到期的是第{C.QuietNext}项", turn.Reply.Text);
    }

    [SpecFact]
    public async Task We_means_the_senders_unit_and_not_done_counts_open_measures()
    {
        var expected = await ExpectedAsync(C.Unit, m => m.Status.IsOpen());
        var turn = await Say(C.Staff, "我们科还有几项没完成");
        Assert.StartsWith($"{C.Unit}没完成的措施共{expected.Count}项", turn.Reply.Text);
        Assert.Equal(expected.Order(), turn.Measures.Order());
    }

    [SpecFact]
    public async Task Due_windows_cover_all_units_for_the_office_and_the_own_unit_for_staff()
    {
        var nextMonth = await Say(C.Staff, "下个月要完成的");
        Assert.Contains($"{C.Unit}下个月（12月1日至12月31日）", nextMonth.Reply.Text);
        Assert.Equal(await ExpectedAsync(C.Unit, m => m.DueDate is { Month: 12, Year: 2023 } && m.Status.IsOpen()), nextMonth.Measures);

        var office = await Say(C.Office, "下个月要完成的");
        Assert.StartsWith("全局下个月", office.Reply.Text);
        Assert.True(office.Measures.Count >= nextMonth.Measures.Count);

        var week = await Say(C.Office, "本周到期的有哪些");
        Assert.Contains("本周（11月20日至11月26日）", week.Reply.Text);
        var tenDays = await Say(C.Office, "10天内到期");
        Assert.Contains("10天内（11月21日至12月1日）", tenDays.Reply.Text);
        // In November, January is next year's, and the reply says so.
        var january = await Say(C.Office, "元月份到期的");
        Assert.Contains("元月份（2024年1月1日至1月31日）", january.Reply.Text);
    }

    [SpecTheory]
    [InlineData("第{detail}项什么情况")]
    [InlineData("（{detail}）进展")]
    [InlineData("{detail}号")]
    public async Task A_measure_in_any_form_shows_text_finding_units_deadline_and_status(string text)
    {
        var turn = await Say(C.Staff, text);
        Assert.Equal([C.Detail], turn.Measures);
        var reply = turn.Reply.Text;
        Assert.Contains(C.DetailTitle, reply);
        Assert.Contains("具体表现：", reply);
        Assert.Contains($"牵头：{C.Unit}", reply);
        Assert.Contains("时限：2023-10-20（方案未写明，按集中整改阶段截止）", reply);
        Assert.Contains("未启动，逾期32天", reply);
        Assert.Contains("佐证材料：0份", reply);
    }

    [SpecFact]
    public async Task Unclaimed_lists_measures_with_no_lead_unit_and_no_claim()
    {
        await Say(C.Staff, $"认领第{C.FirstClaim}项");
        var turn = await Say(C.Office, "还有哪些措施没人认领");
        await using var db = _world.Store.NewContext();
        var expected = await db.Measures.CountAsync(m => !m.Units.Any(u => u.Role == UnitRole.Lead) && !m.Claims.Any(c => c.WithdrawnAt == null));
        Assert.StartsWith($"没有牵头单位、也没人认领的措施共{expected}项", turn.Reply.Text);
        Assert.Contains("还有", turn.Reply.Text);
        Assert.DoesNotContain(C.FirstClaim, turn.Measures);
        var more = await Say(C.Office, "更多");
        Assert.Equal(10, more.Measures.Count);
        Assert.Empty(more.Measures.Intersect(turn.Measures));
    }

    [SpecTheory]
    [InlineData("整体进度怎么样")]
    [InlineData("各科室完成情况")]
    public async Task Progress_gives_totals_by_status_per_unit_overdue_and_completion_rate(string text)
    {
        var turn = await Say(C.Office, text);
        await using var db = _world.Store.NewContext();
        var overdue = (await db.Measures.ToListAsync()).Count(m => m.IsOverdue(SpecWorld.Today));
        Assert.StartsWith($"共{C.Total}项措施，完成0项（完成率0%）", turn.Reply.Text);
        Assert.Contains($"逾期{overdue}项", turn.Reply.Text);
        Assert.Contains($"未启动{C.Total}", turn.Reply.Text);
        Assert.NotNull(turn.Reply.Table);
        Assert.Contains(turn.Reply.Table!.Rows, r => r[0] == C.Unit);
    }

    [SpecTheory]
    [InlineData("你能做什么")]
    [InlineData("帮助")]
    public async Task Help_lists_what_it_can_do_with_examples(string text)
    {
        var turn = await Say(C.Staff, text);
        Assert.Contains($"{C.UnitShort}逾期", turn.Reply.Text);
        Assert.Contains("申请销号", turn.Reply.Text);
    }

    // Writes

    [SpecFact]
    public async Task Claims_for_the_senders_unit_and_a_co_claim_is_asked_first()
    {
        var claim = await Say(C.Staff, $"我们科认领第{C.Detail}、{C.Unled}项");
        Assert.Equal($"已为{C.Unit}认领第{C.Unled}项。第{C.Detail}项已由本单位负责。", claim.Reply.Text);

        var range = await Say(C.Staff, $"{C.RangeFrom}到{C.RangeTo}项由我们科负责");
        Assert.Equal(["claim", "claim"], range.Changes.Select(c => c.Kind));

        var asked = await Say(C.Staff, $"认领第{C.CoClaim}项");
        Assert.Equal($"第{C.CoClaim}项由{C.OtherUnit}牵头。要申请作为共同认领单位加入吗？需经整改办或{C.OtherUnit}同意。回复“是”确认。", asked.Reply.Text);
        Assert.Empty((await MeasureAsync(C.CoClaim)).Claims);
        var yes = await Say(C.Staff, "是");
        Assert.Equal($"已申请共同认领第{C.CoClaim}项，待整改办或{C.OtherUnit}同意后生效。", yes.Reply.Text);
        Assert.True((await MeasureAsync(C.CoClaim)).Claims.Single().IsCoClaim);
    }

    [SpecFact]
    public async Task A_terse_phone_update_records_the_text_marks_done_and_asks_for_evidence()
    {
        var turn = await Say(C.Staff, $"{C.Detail} 完成 已对5个僵尸组织完成调查，清理3个");
        Assert.Contains("状态由“未启动”改为“已完成待销号”", turn.Reply.Text);
        Assert.Contains("请上传佐证材料", turn.Reply.Text);
        var m = await MeasureAsync(C.Detail);
        Assert.Equal(MeasureStatus.Done, m.Status);
        Assert.Equal("已对5个僵尸组织完成调查，清理3个", m.Updates.Single().Text);
        Assert.Equal(ChannelName.Cli, m.Updates.Single().Channel);
    }

    [SpecFact]
    public async Task An_update_without_a_status_word_starts_a_measure_not_yet_started()
    {
        var turn = await Say(C.Staff, $"{C.Detail} 进展：已完成摸底");
        Assert.Equal($"已记录第{C.Detail}项进展，状态由“未启动”改为“推进中”。", turn.Reply.Text);
        var m = await MeasureAsync(C.Detail);
        Assert.Equal(MeasureStatus.InProgress, m.Status);
        Assert.Equal("已完成摸底", m.Updates.Single().Text);
    }

    [SpecFact]
    public async Task A_file_sent_right_after_talking_about_a_measure_is_its_evidence()
    {
        await Say(C.Staff, $"第{C.Detail}项什么情况");
        var bytes = "会议纪要内容"u8.ToArray();
        var file = new Attachment(_ => Task.FromResult<FetchedFile?>(new FetchedFile("清理会议纪要.pdf", "application/pdf", new MemoryStream(bytes))));
        var turn = await _world.SayAsync(C.Staff, null, file);
        Assert.Equal($"已将“清理会议纪要.pdf”存为第{C.Detail}项的佐证材料，现有1份。", turn.Reply.Text);
        var evidence = (await MeasureAsync(C.Detail)).Evidence.Single();
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), evidence.Sha256);
        Assert.NotNull(evidence.StaffId);
        Assert.Equal(_world.Store.Clock.GetUtcNow().UtcDateTime, evidence.At);
    }

    [SpecFact]
    public async Task A_file_with_no_measure_in_focus_is_kept_and_asked_about()
    {
        var file = new Attachment(_ => Task.FromResult<FetchedFile?>(new FetchedFile("照片.jpg", "image/jpeg", new MemoryStream([1, 2, 3]))));
        var asked = await _world.SayAsync(C.Staff, null, file);
        var example = System.Text.RegularExpressions.Regex.Match(asked.Reply.Text, @"^收到“照片\.jpg”。这是哪一项措施的佐证材料？请回复编号，例如 (\d+)。$");
        Assert.True(example.Success, asked.Reply.Text);
        Assert.InRange(int.Parse(example.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, C.Total);
        var answered = await Say(C.Staff, $"{C.Detail}");
        Assert.StartsWith($"已将“照片.jpg”存为第{C.Detail}项的佐证材料", answered.Reply.Text);
    }

    [SpecFact]
    public async Task Close_needs_evidence_tells_the_office_and_only_the_office_reviews()
    {
        await Say(C.Staff, $"{C.Detail} 完成 已清理3个");
        var early = await Say(C.Staff, $"第{C.Detail}项申请销号");
        Assert.Contains("还没有佐证材料", early.Reply.Text);

        await Say(C.Staff, $"第{C.Detail}项什么情况");
        await _world.SayAsync(C.Staff, null, new Attachment(_ => Task.FromResult<FetchedFile?>(new FetchedFile("纪要.pdf", null, new MemoryStream([7])))));
        var request = await Say(C.Staff, $"第{C.Detail}项申请销号");
        Assert.StartsWith($"已提交第{C.Detail}项销号申请", request.Reply.Text);
        Assert.Contains(request.Reply.Notices, n => n.ToOffice && n.Text.Contains($"申请第{C.Detail}项销号", StringComparison.Ordinal));

        var notOffice = await Say(C.OtherStaff, $"同意{C.Detail}销号");
        Assert.Equal("只有整改办可以审核销号申请。", notOffice.Reply.Text);

        var returned = await Say(C.Office, $"退回{C.Detail}，佐证材料不全");
        Assert.StartsWith($"已退回第{C.Detail}项的销号申请，原因：佐证材料不全", returned.Reply.Text);
        var unit = await UnitIdAsync(C.Unit);
        Assert.Contains(returned.Reply.Notices, n => n.UnitId == unit && n.Text.Contains("佐证材料不全", StringComparison.Ordinal));
        Assert.Equal(MeasureStatus.InProgress, (await MeasureAsync(C.Detail)).Status);

        await Say(C.Staff, $"第{C.Detail}项申请销号");
        var approved = await Say(C.Office, $"同意{C.Detail}销号");
        Assert.Equal($"第{C.Detail}项已销号。", approved.Reply.Text);
        Assert.Equal(MeasureStatus.Closed, (await MeasureAsync(C.Detail)).Status);
    }

    [SpecFact]
    public async Task An_extension_request_waits_for_the_office_or_principal_leader()
    {
        await Say(C.Staff, $"认领第{C.Extension}项");
        var request = await Say(C.Staff, $"第{C.Extension}项申请延期到2025年12月底，原因是资金未到位");
        Assert.Contains($"由{C.ExtensionDue}延至2025-12-31，原因：资金未到位", request.Reply.Text);
        Assert.Equal(RequestState.Pending, (await MeasureAsync(C.Extension)).Extensions.Single().State);

        var approved = await Say(C.Leader, $"同意{C.Extension}延期");
        Assert.Equal($"已批准第{C.Extension}项延期至2025-12-31（原时限{C.ExtensionDue}）。", approved.Reply.Text);
        Assert.Equal(new DateOnly(2025, 12, 31), (await MeasureAsync(C.Extension)).DueDate);
    }

    [SpecFact]
    public async Task Undo_reverts_the_senders_last_write_and_the_trail_keeps_both()
    {
        await Say(C.Staff, $"{C.Detail} 完成 已清理3个");
        var undone = await Say(C.Staff, "撤销");
        Assert.Equal($"已撤销第{C.Detail}项的进展“已清理3个”，状态恢复为“未启动”。", undone.Reply.Text);
        Assert.Equal(MeasureStatus.NotStarted, (await MeasureAsync(C.Detail)).Status);
        await using var db = _world.Store.NewContext();
        Assert.Equal(2, await db.AuditEntries.Where(a => a.EntityType == nameof(ProgressUpdate)).CountAsync());
    }

    // Drafting from records, and the files

    [SpecFact]
    public async Task A_status_paragraph_is_built_from_what_was_recorded_and_leaves_the_rest_blank()
    {
        await Say(C.Staff, $"认领第{C.Paragraph}项");
        await Say(C.Staff, $"{C.Paragraph} 完成 已召开专题会议，清退违规发放资金1.2万元");
        var turn = await Say(C.Staff, $"写第{C.Paragraph}项的整改情况");
        Assert.StartsWith("关于“", turn.Reply.Text);
        Assert.Contains("整改情况（", turn.Reply.Text);
        Assert.Contains("清退违规发放资金1.2万元", turn.Reply.Text);
        Assert.Contains("＿＿", turn.Reply.Text);
        Assert.Contains(C.Paragraph, turn.Measures);
    }

    [SpecFact]
    public async Task A_status_paragraph_can_be_asked_for_by_the_problems_words()
    {
        var turn = await Say(C.Office, $"写一段“{C.Keyword}”问题的整改情况");
        Assert.StartsWith("关于“", turn.Reply.Text);
        Assert.Contains(C.KeywordMeasure, turn.Measures);
    }

    [SpecTheory]
    [InlineData("导出台账", ".xlsx")]
    [InlineData("生成整改情况报告", ".docx")]
    public async Task The_ledger_and_the_report_come_back_as_files(string text, string extension)
    {
        var turn = await Say(C.Office, text);
        Assert.NotNull(turn.Reply.File);
        Assert.EndsWith(extension, turn.Reply.File!.FileName);
        Assert.Equal("PK"u8.ToArray(), turn.Reply.File.Content[..2]);
    }

    // Bad input

    [SpecFact]
    public async Task An_unknown_measure_gives_the_valid_range()
    {
        var turn = await Say(C.Staff, "第999项");
        Assert.Equal($"没有第999项措施，本方案措施编号为1至{C.Total}。", turn.Reply.Text);
    }

    [SpecFact]
    public async Task An_unknown_unit_offers_the_closest_names()
    {
        var turn = await Say(C.Staff, $"{C.UnknownUnit}逾期");
        Assert.StartsWith($"没有找到“{C.UnknownUnit}”。您是指：", turn.Reply.Text);
        Assert.Contains(C.Suggested, turn.Reply.Text);
        Assert.Contains(C.SecondSuggested, turn.Reply.Text);
        var picked = await Say(C.Staff, "2");
        Assert.StartsWith($"{C.SecondSuggested}逾期的措施共", picked.Reply.Text);
    }

    [SpecTheory]
    [InlineData("'; DROP TABLE measures; --")]
    [InlineData("")]
    [InlineData("😀😀😀")]
    [InlineData(null)]
    public async Task Hostile_or_empty_input_gets_a_short_hint_and_changes_nothing(string? text)
    {
        var before = await AuditCountAsync();
        var turn = await Say(C.Staff, text);
        Assert.Equal(nameof(RectifyBot.Conversation.Understanding.NotUnderstood), turn.Intent);
        Assert.True(turn.Reply.Text.Length < 200);
        // The hint's examples come from this store: the sender's own unit.
        Assert.Contains($"{C.UnitShort}逾期", turn.Reply.Text);
        Assert.Equal(before, await AuditCountAsync());
        Assert.Empty(turn.Changes);
    }

    [SpecFact]
    public async Task Ten_thousand_characters_of_noise_are_refused_without_change()
    {
        var before = await AuditCountAsync();
        var turn = await Say(C.Staff, new string('噪', 10_000));
        Assert.StartsWith("消息太长", turn.Reply.Text);
        Assert.Equal(before, await AuditCountAsync());
    }

    [SpecFact]
    public async Task Marking_everything_done_is_refused_for_staff_and_needs_an_explicit_list_from_the_office()
    {
        var staff = await Say(C.Staff, "把所有措施都标记为完成");
        Assert.StartsWith("不能一次把所有措施标记为", staff.Reply.Text);
        var office = await Say(C.Office, "把所有措施都标记为完成");
        Assert.StartsWith("批量修改需逐项确认", office.Reply.Text);
        await using var db = _world.Store.NewContext();
        Assert.False(await db.Measures.AnyAsync(m => m.Status != MeasureStatus.NotStarted));
    }

    [SpecFact]
    public async Task A_stranger_is_told_how_to_bind_and_a_name_binds_nothing()
    {
        var first = await _world.Store.Scope().ServiceProvider.GetRequiredService<ConversationEngine>()
            .HandleAsync(new IncomingMessage(ChannelName.WeCom, "lina-wecom", "社事科逾期"), CancellationToken.None);
        Assert.StartsWith("您好！这个账号还没有绑定到人员名册", first.Reply.Text);
        var name = await _world.Store.Scope().ServiceProvider.GetRequiredService<ConversationEngine>()
            .HandleAsync(new IncomingMessage(ChannelName.WeCom, "lina-wecom", $"我是{C.Staff}"), CancellationToken.None);
        Assert.Equal(first.Reply.Text, name.Reply.Text);
        Assert.Empty(name.Changes);
    }

    private async Task<int> UnitIdAsync(string name)
    {
        await using var db = _world.Store.NewContext();
        return await db.Units.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }
}
