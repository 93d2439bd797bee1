using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Cli;
using RectifyBot.Documents;
using RectifyBot.Domain;
using RectifyBot.Import;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Import;

/// <summary>
/// rectifybot import LEDGER.xlsx into the inspection the ledger was exported from, on both providers: our own
/// ledger is exported, edited here as an office would in Excel, and imported back through the command line.
/// </summary>
public sealed class LedgerReimportTests
{
    private static readonly DateOnly AsOf = new(2023, 11, 21);

    private sealed class World(TestStore store, int inspectionId, string ledger) : IAsyncDisposable
    {
        public TestStore Store { get; } = store;
        public int InspectionId { get; } = inspectionId;
        public string Ledger { get; } = ledger;

        public async Task<(int Code, string Out, string Err)> Import(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await CliApp.RunAsync(["import", Ledger, .. args, "--db", Store.DbArgument], output, error, CancellationToken.None);
            return (code, output.ToString(), error.ToString());
        }

        public async Task<Measure> MeasureAsync(int number)
        {
            await using var db = Store.NewContext();
            return await db.Measures.AsSplitQuery().Include(m => m.Units).ThenInclude(u => u.Unit).Include(m => m.Updates).ThenInclude(u => u.Staff)
                .SingleAsync(m => m.InspectionId == InspectionId && m.Number == number);
        }

        public async Task<WriteResult> ProgressAsync(string person, int number, string text, MeasureStatus? status)
        {
            await using var scope = Store.Scope();
            await using var db = Store.NewContext();
            var actor = Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == person));
            return await scope.ServiceProvider.GetRequiredService<MeasureWorkflow>().RecordProgressAsync(actor, InspectionId, number, text, status, "test", default);
        }

        /// <summary>Sets cells of 任务清单 as Excel would save them: by measure number and column header.</summary>
        public void Edit(params (int Number, string Column, string Value)[] edits)
        {
            using var document = SpreadsheetDocument.Open(Ledger, isEditable: true);
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == LedgerWorkbook.TaskList);
            var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
            var header = rows.First(r => r.Elements<Cell>().Any(c => Text(c) == "序号")).Elements<Cell>().ToList();
            foreach (var (number, column, value) in edits)
            {
                var letter = Letters(header.Single(c => Text(c) == column).CellReference!);
                var row = rows.Single(r => r.Elements<Cell>().FirstOrDefault() is { } first && Text(first) == number.ToString());
                var cell = row.Elements<Cell>().Single(c => Letters(c.CellReference!) == letter);
                cell.CellValue = null;
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value));
            }
        }

        private static string Text(Cell c) => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "";

        private static string Letters(string reference) => new(reference.TakeWhile(char.IsLetter).ToArray());

        public ValueTask DisposeAsync() => Store.DisposeAsync();
    }

    /// <summary>
    /// A plan on the conversations roster, 李娜's update on measure 51 recorded before the export, and the ledger
    /// exported as of 2023-11-21 into the store's folder.
    /// </summary>
    private static async Task<World> WorldAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider, TestClock.At("2023-11-20"));
        int id;
        await using (var db = store.NewContext())
        {
            id = (await new PlanBuilder().ConversationsRoster()
                .Measure(49, lead: "办公室", due: "2023-12-31", text: "严格落实理论学习中心组学习制度，制定年度学习计划。")
                .Measure(51, lead: "社会事务科", supporting: "殡葬服务中心", due: "2023-10-20", path: (2, 1, 1), text: "对殡葬服务收费开展专项检查，清退超标准收取的费用。")
                .Measure(54, lead: "社会救助科", due: "2023-10-20", path: (2, 1, 1), text: "建立局属单位新媒体平台三审三校制度。")
                .Measure(60, lead: "社会事务科", due: "2023-12-15", path: (2, 2, 1), text: "督促乡镇加快公益性公墓建设进度，按月调度。")
                .SaveAsync(db)).Id;
        }
        var world = new World(store, id, Path.Combine(store.DataPath, "台账.xlsx"));
        Assert.True((await world.ProgressAsync("李娜", 51, "完成收费专项检查，清退12.6万元。", MeasureStatus.InProgress)).Ok);
        store.Clock.Now = store.Clock.Now.AddDays(1);
        await using var scope = store.Scope();
        var ledger = (await scope.ServiceProvider.GetRequiredService<LedgerLoader>().LoadAsync(id, AsOf, default))!;
        await using var file = File.Create(world.Ledger);
        LedgerWorkbook.Write(ledger, file);
        return world;
    }

    [Theory]
    [ClassData(typeof(StoreProviders))]
    public async Task An_edited_ledger_shows_its_changes_and_records_them_with_yes_as_the_office_without_touching_what_was_recorded(StoreProvider provider)
    {
        await using var world = await WorldAsync(provider);
        world.Edit(
            (49, "整改状态", "推进中"),
            (49, "进展情况", "2023年11月25日 陈奇奇：已制定2024年度学习计划"),
            (51, "进展情况", "2023年11月20日 李娜：完成收费专项检查，清退12.6万元。\n已在服务大厅公示收费标准"),
            (54, "完成时限", "2023年12月31日"),
            (60, "牵头单位", "社会事务科、办公室"));

        var (code, output, error) = await world.Import("--as", "陈奇奇");

        Assert.True(code == 0, error);
        Assert.Contains("第49项：\n  整改状态：未启动 → 推进中\n  新增进展（2023年11月25日）：已制定2024年度学习计划\n", output);
        Assert.Contains("第51项：\n  新增进展", output);
        Assert.Contains("  完成时限：2023年10月20日 → 2023年12月31日", output);
        Assert.Contains("  牵头单位：社会事务科 → 社会事务科、办公室", output);
        Assert.Contains("加 --yes 重新运行", output);
        Assert.Equal(MeasureStatus.NotStarted, (await world.MeasureAsync(49)).Status);
        Assert.Single((await world.MeasureAsync(51)).Updates);

        (code, output, error) = await world.Import("--as", "陈奇奇", "--yes");

        Assert.True(code == 0, error);
        Assert.Contains("已按台账更新4项措施：第49项、第51项、第54项、第60项。", output);
        var m49 = await world.MeasureAsync(49);
        Assert.Equal(MeasureStatus.InProgress, m49.Status);
        var update = Assert.Single(m49.Updates);
        Assert.Equal(("已制定2024年度学习计划", "陈奇奇", new DateOnly(2023, 11, 25)), (update.Text, update.Staff!.Name, update.On));
        var m51 = await world.MeasureAsync(51);
        Assert.Equal(["完成收费专项检查，清退12.6万元。", "已在服务大厅公示收费标准"], m51.Updates.OrderBy(u => u.Id).Select(u => u.Text));
        Assert.Equal("李娜", m51.Updates.OrderBy(u => u.Id).First().Staff!.Name);
        Assert.Equal(new DateOnly(2023, 12, 31), (await world.MeasureAsync(54)).Deadline.Date);
        Assert.Equal(["办公室", "社会事务科"], (await world.MeasureAsync(60)).Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.Unit!.Name).Order());
        // A status, a deadline and a lead unit changed through the ledger move the counts whole-city stats read.
        await Store.KeptCountsTests.AssertCountsAgreeAsync(world.Store);
        await using (var db = world.Store.NewContext())
        {
            var office = await db.Staff.SingleAsync(s => s.Name == "陈奇奇");
            var audited = await db.AuditEntries.Where(a => a.Operation == LedgerReimport.Operation).ToListAsync();
            Assert.NotEmpty(audited);
            Assert.All(audited, a => Assert.Equal((office.Id, "cli"), (a.ActorId!.Value, a.Channel)));
            Assert.Single(audited.Select(a => a.OperationId).Distinct());
        }

        (code, output, _) = await world.Import("--as", "陈奇奇", "--yes");

        Assert.Equal(0, code);
        Assert.Contains("台账与库中记录一致，没有需要导入的修改。", output);
    }

    [Theory]
    [ClassData(typeof(StoreProviders))]
    public async Task What_was_recorded_after_the_export_keeps_its_status_and_deadline(StoreProvider provider)
    {
        await using var world = await WorldAsync(provider);
        world.Store.Clock.Now = world.Store.Clock.Now.AddDays(2);
        Assert.True((await world.ProgressAsync("李娜", 51, "公示收费项目和标准，整改完成。", MeasureStatus.Done)).Ok);
        world.Edit((51, "完成时限", "2023年12月15日"), (51, "进展情况", "补充清退凭证"));

        var (code, output, error) = await world.Import("--as", "陈奇奇", "--yes");

        Assert.True(code == 0, error);
        Assert.Contains("提示：第51项在台账所截至的2023年11月21日之后已有新的记录，整改状态（已完成待销号）和完成时限（2023年10月20日）保留库中的。", output);
        var m51 = await world.MeasureAsync(51);
        Assert.Equal(MeasureStatus.Done, m51.Status);
        Assert.Equal(new DateOnly(2023, 10, 20), m51.Deadline.Date);
        Assert.Equal(["完成收费专项检查，清退12.6万元。", "公示收费项目和标准，整改完成。", "补充清退凭证"], m51.Updates.OrderBy(u => u.Id).Select(u => u.Text));
    }

    [Theory]
    [ClassData(typeof(StoreProviders))]
    public async Task A_ledger_with_bad_rows_is_refused_whole_with_every_problem_named_even_with_yes(StoreProvider provider)
    {
        await using var world = await WorldAsync(provider);
        world.Edit(
            (49, "整改状态", "推进中"),
            (51, "序号", "999"),
            (54, "完成时限", "待定"),
            (60, "整改状态", "已销号"));

        var (code, output, error) = await world.Import("--as", "陈奇奇", "--yes");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("台账第5行是第999项，但县民政局党组巡察整改实施方案中没有这一项（措施编号为49—60），请核对序号。", error);
        Assert.Contains("第54项的完成时限“待定”读不出日期", error);
        Assert.Contains("第60项在台账中写为“已销号”：销号须经申请和整改办审核，不能由台账直接改。", error);
        Assert.EndsWith("台账有以上问题，未作任何修改。请改正后重新导入。", error.Trim());
        Assert.Equal(MeasureStatus.NotStarted, (await world.MeasureAsync(49)).Status);
        await using var db = world.Store.NewContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Operation == LedgerReimport.Operation));
    }

    [Theory]
    [ClassData(typeof(StoreProviders))]
    public async Task A_ledger_of_another_inspection_or_from_unit_staff_changes_nothing(StoreProvider provider)
    {
        await using var world = await WorldAsync(provider);
        world.Edit((49, "整改措施", "另一次巡察的措施甲。"), (51, "整改措施", "另一次巡察的措施乙。"), (54, "整改措施", "另一次巡察的措施丙。"),
            (49, "整改状态", "推进中"));

        var (code, _, error) = await world.Import("--as", "陈奇奇", "--yes");

        Assert.Equal(1, code);
        Assert.Contains("这份台账与库中的巡察对不上：4项措施中最多只有1项与库中一致，可能是另一次巡察的台账。未作任何修改。", error);
        Assert.Contains($"这份台账不是巡察编号{world.InspectionId + 1}的台账", (await world.Import("--as", "陈奇奇", "--inspection", $"{world.InspectionId + 1}")).Err);
        Assert.EndsWith("\n修改后的台账由整改办导入。请把台账交给整改办。", (await world.Import("--as", "李娜", "--yes")).Err.Trim());
        Assert.Equal(MeasureStatus.NotStarted, (await world.MeasureAsync(49)).Status);
    }
}
