using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Domain;
using RectifyBot.Import;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Import;

/// <summary>A parsed plan stored through the importer, on SQLite and PostgreSQL.</summary>
public class PlanImporterTests
{
    /// <summary>A small real plan (not the demo), TestData/Plans/education-bureau.txt: also what <see cref="DemoRemovalTests"/> and the web's TrustWebTests import.</summary>
    internal static readonly string Plan = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Plans", "education-bureau.txt")).TrimEnd('\n');

    private static async Task<ImportResult> ImportAsync(TestStore store, string text, string name = "plan.txt")
    {
        await using var scope = store.Scope();
        var doc = PlanParser.Parse(text, new DateOnly(2023, 8, 3));
        return await scope.ServiceProvider.GetRequiredService<PlanImporter>()
            .ImportAsync(doc, name, PlanImporter.Sha256Of(Encoding.UTF8.GetBytes(text)), null, null, CancellationToken.None);
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_plan_is_stored_whole_and_the_same_file_again_changes_nothing(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var first = await ImportAsync(store, Plan);
        Assert.Null(first.Error);
        Assert.Equal((true, 3, 3), (first.Summary!.Created, first.Summary.Measures, first.Summary.MeasuresAdded));
        Assert.Equal(["办公室", "人事科"], first.Summary.UnitsCreated);

        int auditAfterFirst;
        await using (var db = store.NewContext())
        {
            auditAfterFirst = await db.AuditEntries.CountAsync();
            var m3 = await db.Measures.Include(m => m.Units).ThenInclude(u => u.Unit).SingleAsync(m => m.Number == 3);
            Assert.Equal(["办公室/Lead", "人事科/Supporting"], m3.Units.OrderBy(u => u.Role).Select(u => $"{u.Unit!.Name}/{u.Role}"));
            Assert.Equal(new DateOnly(2023, 12, 31), m3.DueDate);
            Assert.Equal(DeadlineKind.Recurring, (await db.Measures.SingleAsync(m => m.Number == 2)).Deadline.Kind);
        }

        var again = await ImportAsync(store, Plan);
        Assert.True(again.Summary!.Unchanged);
        await using (var db = store.NewContext())
        {
            Assert.Equal(auditAfterFirst, await db.AuditEntries.CountAsync());
            Assert.Equal(1, await db.Inspections.CountAsync());
        }
    }

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task A_revised_plan_updates_changed_measures_and_keeps_claims_updates_and_evidence(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var inspection = (await ImportAsync(store, Plan)).Summary!.InspectionId;
        await using (var db = store.NewContext())
        {
            var unit = await db.Units.SingleAsync(u => u.Name == "办公室");
            db.Staff.Add(new Staff { Name = "张三", Unit = unit, Roles = StaffRoles.Unit });
            await db.SaveChangesAsync();
        }
        await using (var scope = store.Scope())
        {
            await using var db = store.NewContext();
            var actor = Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync());
            var flow = scope.ServiceProvider.GetRequiredService<MeasureWorkflow>();
            Assert.True((await flow.RecordProgressAsync(actor, inspection, 1, "已修订学习计划", MeasureStatus.Done, "test", default)).Ok);
            Assert.True((await flow.AddEvidenceAsync(actor, inspection, 1, "学习计划.pdf", null, new MemoryStream([1, 2]), "test", default)).Ok);
        }

        var revised = Plan
            .Replace("修订中心组学习计划。由办公室牵头，2023年10月底前完成。", "修订中心组学习计划并报县委备案。由办公室牵头，2023年11月底前完成。", StringComparison.Ordinal)
            + "\n（4）建立学习档案。由办公室牵头。\n";
        var result = await ImportAsync(store, revised, "plan-v2.txt");

        Assert.Null(result.Error);
        var s = result.Summary!;
        Assert.Equal((false, false, 1, 1), (s.Created, s.Unchanged, s.MeasuresAdded, s.MeasuresUpdated));
        Assert.Equal(inspection, s.InspectionId);
        await using var check = store.NewContext();
        var m1 = await check.Measures.Include(m => m.Updates).Include(m => m.Evidence).SingleAsync(m => m.Number == 1);
        Assert.StartsWith("修订中心组学习计划并报县委备案", m1.Text);
        Assert.Equal(new DateOnly(2023, 11, 30), m1.DueDate);
        Assert.Equal(MeasureStatus.Done, m1.Status);
        Assert.Single(m1.Updates);
        Assert.Single(m1.Evidence);
        Assert.Equal(4, await check.Measures.CountAsync());
    }

    [Fact]
    public async Task What_is_not_a_plan_stores_nothing_and_says_why_in_one_sentence()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var notice = await ImportAsync(store, await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "Plans", "report-in-progress.txt")));
        Assert.Equal("这是一份整改情况通报，不是整改方案。请导入整改方案（实施方案）。", notice.Error);
        var garbage = await ImportAsync(store, "今天天气很好，我们去公园散步。");
        Assert.Equal("这份文件看起来不是整改方案或整改情况通报：没有找到编号的问题和整改措施。", garbage.Error);
        // A meeting's record is refused too, with the figures it gives, which the office may check against the ledger.
        var minutes = await ImportAsync(store, """
            青禾县文化旅游局党组会议纪要
            2024年6月4日，局党组召开会议，听取巡察整改工作进展情况汇报。
            截至5月31日，县委第一巡察组反馈的3个方面9个问题，已完成整改5个，正在推进3个，长期坚持1个，整改完成率55.6%。
            会议要求各股室抓紧推进，6月底前完成“回头看”。
            """);
        Assert.Equal("这份文件看起来不是整改方案或整改情况通报：没有找到编号的问题和整改措施。文件中提到：3个方面，9个问题，已完成5项，正在整改3项，长期坚持1项，完成率55.6%。", minutes.Error);
        await using var db = store.NewContext();
        Assert.False(await db.Inspections.AnyAsync());
        Assert.False(await db.Units.AnyAsync());
    }
}
