using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Documents;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.Documents;
using RectifyBot.Tests.Llm;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Drafting;

/// <summary>
/// The whole report polished by the scripted model, paragraph by paragraph, read back from the .docx: a rewrite
/// that keeps to the records replaces its paragraph; one that changes a unit of measure, adds a date or names a
/// unit the records do not is dropped for the composed text, and costs only its own paragraph.
/// </summary>
public sealed class ReportPolishTests
{
    private const string Spending = "“三公”经费不降反增";
    private const string Funerals = "殡葬领域监管存在薄弱环节";
    private const string Study = "理论学习不深入";

    private static async Task<TestStore> WorldAsync(FakeOpenAi? model)
    {
        var settings = model is null ? null : new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = model.Endpoint.ToString(),
            ["Llm:Model"] = FakeOpenAi.Model,
            ["Llm:ApiKey"] = FakeOpenAi.ApiKey,
        };
        var store = await TestStore.CreateAsync(StoreProvider.Sqlite, settings: settings);
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster()
                .Problem(1, 1, Funerals).Problem(1, 2, Spending).Problem(1, 3, Study)
                .Measure(51, lead: "社会事务科", due: "2023-12-31", path: (1, 1, 1))
                .Measure(56, lead: "规划财务科", due: "2023-12-31", path: (1, 2, 1))
                .Measure(60, lead: "办公室", due: "2023-12-31", path: (1, 3, 1))
                .SaveAsync(db)).Id;
        }
        await using (var scope = store.Scope())
        {
            await using var db = store.NewContext();
            var office = Actor.From(await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == "陈奇奇"));
            var flow = scope.ServiceProvider.GetRequiredService<MeasureWorkflow>();
            await flow.RecordProgressAsync(office, inspection, 51, "完成殡葬服务收费专项检查，清退超标准收费12.6万元", MeasureStatus.InProgress, "test", default);
            await flow.RecordProgressAsync(office, inspection, 56, "已召开专题会议，压减公务接待费用12.5万元", MeasureStatus.InProgress, "test", default);
            await flow.RecordProgressAsync(office, inspection, 60, "党组会集中学习12次", MeasureStatus.InProgress, "test", default);
        }
        return store;
    }

    private static async Task<(ExportedFile File, List<string> Paragraphs)> ReportAsync(TestStore store)
    {
        await using var scope = store.Scope();
        var file = (await scope.ServiceProvider.GetRequiredService<DocumentExports>().ReportAsync(null, new DateOnly(2023, 11, 21), default))!;
        using var document = WordprocessingDocument.Open(new MemoryStream(file.Content), false);
        OpenXmlAssert.Valid(document);
        return (file, document.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList());
    }

    /// <summary>The paragraph after a problem's heading in section 二.</summary>
    private static string After(List<string> paragraphs, string heading) => paragraphs[paragraphs.FindIndex(p => p.EndsWith(heading, StringComparison.Ordinal)) + 1];

    [Fact]
    public async Task Each_paragraph_keeps_a_rewrite_that_checks_and_the_composed_text_where_it_does_not()
    {
        await using var offline = await WorldAsync(null);
        var composed = (await ReportAsync(offline)).Paragraphs;
        await using var model = await FakeOpenAi.StartAsync(
            // 12.6万元 became 12.6亿元: the figure is recorded, the unit is not.
            ScriptedReply.Says("关于“殡葬领域监管存在薄弱环节”问题。整改情况（正在整改）：社会事务科完成殡葬服务收费专项检查，清退超标准收费12.6亿元。"),
            ScriptedReply.Says("关于“‘三公’经费不降反增”问题。整改情况（正在整改）：规划财务科召开专题会议，压减公务接待费用12.5万元，相关工作正在推进。"),
            // A date and a unit the records of this problem do not have.
            ScriptedReply.Says("关于“理论学习不深入”问题。整改情况（正在整改）：2023年11月1日，社会事务科会同办公室集中学习12次。"));
        await using var store = await WorldAsync(model);

        var (file, polished) = await ReportAsync(store);

        Assert.Empty(model.Errors);
        Assert.Equal(3, model.Requests.Count);
        Assert.Equal("整改情况（正在整改）：规划财务科召开专题会议，压减公务接待费用12.5万元，相关工作正在推进。", After(polished, "关于“‘三公’经费不降反增”问题"));
        Assert.Equal(After(composed, "关于“殡葬领域监管存在薄弱环节”问题"), After(polished, "关于“殡葬领域监管存在薄弱环节”问题"));
        Assert.Contains("清退超标准收费12.6万元", After(polished, "关于“殡葬领域监管存在薄弱环节”问题"));
        Assert.Equal(After(composed, "关于“理论学习不深入”问题"), After(polished, "关于“理论学习不深入”问题"));
        Assert.DoesNotContain(polished, p => p.Contains("2023年11月1日", StringComparison.Ordinal) || p.Contains("亿元", StringComparison.Ordinal));
        // Only section 二 is the model's: the figures paragraph is the composed one.
        Assert.Equal(composed.Single(p => p.StartsWith("巡察反馈意见涉及", StringComparison.Ordinal)), polished.Single(p => p.StartsWith("巡察反馈意见涉及", StringComparison.Ordinal)));
        var note = Assert.Single(file.Warnings, w => w.Contains("经模型润色", StringComparison.Ordinal));
        Assert.Contains("有1个问题的整改情况经模型润色；2个问题", note);
        Assert.Contains(Funerals, note);
    }

    [Fact]
    public async Task A_rewrite_that_changes_the_status_words_is_not_used()
    {
        await using var model = await FakeOpenAi.StartAsync(
            ScriptedReply.Says("关于“殡葬领域监管存在薄弱环节”问题。整改情况（已完成）：社会事务科完成殡葬服务收费专项检查，清退超标准收费12.6万元。"),
            ScriptedReply.Says("无法润色"),
            ScriptedReply.Says("无法润色"));
        await using var store = await WorldAsync(model);

        var (_, polished) = await ReportAsync(store);

        Assert.StartsWith("整改情况（正在整改）：", After(polished, "关于“殡葬领域监管存在薄弱环节”问题"));
        Assert.DoesNotContain(polished, p => p.Contains("（已完成）", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_that_fails_is_asked_once_and_the_report_is_the_composed_one()
    {
        await using var offline = await WorldAsync(null);
        var composed = (await ReportAsync(offline)).Paragraphs;
        await using var model = await FakeOpenAi.StartAsync(ScriptedReply.Says("") with { Status = 500 });
        await using var store = await WorldAsync(model);

        var (file, polished) = await ReportAsync(store);

        Assert.Single(model.Requests);
        Assert.Equal(composed, polished);
        Assert.Contains(file.Warnings, w => w.StartsWith("模型未能完成润色", StringComparison.Ordinal));
    }
}
