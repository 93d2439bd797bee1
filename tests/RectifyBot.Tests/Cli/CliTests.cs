using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Cli;
using RectifyBot.Domain;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Cli;

/// <summary>The rectifybot command line, run in process against a real SQLite file.</summary>
public sealed class CliTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var db = _store.NewContext();
        await new PlanBuilder().ConversationsRoster()
            .Measure(5, lead: "社会事务科", due: "2023-10-20", text: "推进项目进度，强化督促检查。由社会事务科牵头，确保2023年大寒节前完成。")
            .Measure(11, lead: "社会救助科", supporting: "低保中心", due: "2023-11-30", status: MeasureStatus.InProgress)
            .Measure(32, lead: "社会事务科", deadline: Deadline.Every(Recurrence.Quarterly, new DateOnly(2023, 9, 30), "每季度"), status: MeasureStatus.Ongoing)
            .Measure(51, lead: "社会事务科", due: "2023-12-31", status: MeasureStatus.Done)
            .Measure(61, lead: "办公室")
            .SaveAsync(db);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--db", _store.DbArgument], output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Overdue_for_a_unit_alias_as_json_is_stable_camel_case_with_iso_dates()
    {
        var (code, output, error) = await Run("measures", "--unit", "社事科", "--overdue", "--as-of", "2023-11-21", "--json");

        Assert.True(code == 0, error);
        var list = JsonDocument.Parse(output).RootElement;
        Assert.Equal([32, 5], list.EnumerateArray().Select(m => m.GetProperty("number").GetInt32()));
        var five = list[1];
        Assert.Equal("1.1.1", five.GetProperty("findingPath").GetString());
        Assert.Equal("社会事务科", five.GetProperty("leadUnits")[0].GetString());
        Assert.Equal("date", five.GetProperty("deadline").GetProperty("kind").GetString());
        Assert.Equal("2023-10-20", five.GetProperty("deadline").GetProperty("date").GetString());
        Assert.Equal(32, five.GetProperty("daysOverdue").GetInt32());
        Assert.Equal("notStarted", five.GetProperty("status").GetString());
        Assert.Equal("quarterly", list[0].GetProperty("deadline").GetProperty("recurrence").GetString());
        Assert.Equal(JsonValueKind.Array, five.GetProperty("supportingUnits").ValueKind);
        Assert.True(five.TryGetProperty("responsibleLeader", out _));
    }

    [Fact]
    public async Task Unit_names_are_read_as_in_chat_with_typos_and_ambiguity()
    {
        var (code, output, error) = await Run("measures", "--unit", "社会事物科", "--overdue", "--as-of", "2023-11-21", "--json");
        Assert.True(code == 0, error);
        Assert.Equal([32, 5], JsonDocument.Parse(output).RootElement.EnumerateArray().Select(m => m.GetProperty("number").GetInt32()));

        (code, _, error) = await Run("measures", "--unit", "社会科");
        Assert.Equal(1, code);
        Assert.Equal("“社会科”可能是社会事务科、社会救助科，请写全称。", error.Trim());
    }

    [Fact]
    public async Task Due_within_and_status_filters_combine()
    {
        var (_, output, _) = await Run("measures", "--due-within", "10", "--as-of", "2023-11-21", "--json");
        Assert.Equal([11], JsonDocument.Parse(output).RootElement.EnumerateArray().Select(m => m.GetProperty("number").GetInt32()));

        (_, output, _) = await Run("measures", "--status", "已完成", "--json");
        Assert.Equal([51], JsonDocument.Parse(output).RootElement.EnumerateArray().Select(m => m.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task A_measure_in_any_number_form_shows_its_detail()
    {
        var (code, output, _) = await Run("measure", "（十一）", "--json");
        Assert.Equal(0, code);
        var detail = JsonDocument.Parse(output).RootElement;
        Assert.Equal(11, detail.GetProperty("measure").GetProperty("number").GetInt32());
        Assert.Equal("低保中心", detail.GetProperty("measure").GetProperty("supportingUnits")[0].GetString());
        Assert.Equal(JsonValueKind.Array, detail.GetProperty("updates").ValueKind);

        (code, output, _) = await Run("measure", "5");
        Assert.Equal(0, code);
        Assert.Contains("第5项｜未启动", output);
        Assert.Contains("大寒节", output);
    }

    /// <summary>
    /// A problem with no 一是、二是 under it: the importer names its one finding by the problem, which the detail does not
    /// say twice; a finding of its own is shown.
    /// </summary>
    [Fact]
    public async Task A_finding_that_only_repeats_its_problem_is_not_shown_twice()
    {
        var (_, own, _) = await Run("measure", "61");
        await using (var db = _store.NewContext())
        {
            db.BeginOperation("测试数据", actorId: null, summarise: false);
            var finding = await db.Findings.Include(f => f.Problem).SingleAsync(f => f.Measures.Any(m => m.Number == 61));
            (finding.Problem!.Title, finding.Title) = ("公务用车管理不规范", "公务用车管理不规范。");
            await db.SaveChangesAsync();
        }

        var (_, repeated, _) = await Run("measure", "61");
        var form = Path.Combine(Path.GetTempPath(), $"close-{Guid.NewGuid():N}.docx");
        await Run("export", "closure", "--out", form, "--measure", "61");
        string formText;
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(form, false))
        {
            formText = document.MainDocumentPart!.Document.Body!.InnerText;
        }
        File.Delete(form);

        Assert.Contains("具体表现：", own);
        Assert.Contains("问题：公务用车管理不规范", repeated);
        Assert.DoesNotContain("具体表现", repeated);
        Assert.Contains("公务用车管理不规范", formText);
        Assert.DoesNotContain("具体表现", formText);
    }

    [Fact]
    public async Task An_unknown_measure_says_the_valid_range()
    {
        var (code, _, error) = await Run("measure", "999");
        Assert.Equal(1, code);
        Assert.Equal("没有第999项措施，本方案措施编号为5至61。", error.Trim());
    }

    [Fact]
    public async Task An_unknown_unit_offers_the_closest_names()
    {
        var (code, _, error) = await Run("measures", "--unit", "社会保障科", "--overdue");
        Assert.Equal(1, code);
        Assert.StartsWith("没有名为“社会保障科”的单位。您是不是要找：", error.Trim());
        Assert.Contains("社会救助科", error);
    }

    [Fact]
    public async Task Ask_as_someone_the_roster_lacks_is_an_error_and_json_intents_are_camel_case()
    {
        var (code, output, error) = await Run("ask", "谢谢", "--as", "张三");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith("人员名册中没有“张三”", error);

        (code, output, error) = await Run("ask", "哪个科室逾期最多", "--as", "巨伟", "--today", "2023-11-21", "--json");
        Assert.True(code == 0, error);
        var turn = JsonDocument.Parse(output).RootElement;
        Assert.Equal("unitRankingQuery", turn.GetProperty("intent").GetString());
        Assert.Equal("overdue", turn.GetProperty("slots").GetProperty("by").GetString());
        Assert.StartsWith("逾期最多的是社会事务科", turn.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task Stats_count_by_status_and_unit()
    {
        var (code, output, _) = await Run("stats", "--as-of", "2023-11-21", "--json");
        Assert.Equal(0, code);
        var stats = JsonDocument.Parse(output).RootElement;
        Assert.Equal(5, stats.GetProperty("total").GetInt32());
        Assert.Equal(3, stats.GetProperty("overdue").GetInt32()); // 5, 32 (missed quarter), 61 (stage end)
        Assert.Equal(0.4, stats.GetProperty("completionRate").GetDouble());
        var unit = stats.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unit").GetString() == "社会事务科");
        Assert.Equal(3, unit.GetProperty("total").GetInt32());
        Assert.Equal(2, unit.GetProperty("overdue").GetInt32());
    }

    [Fact]
    public async Task Staff_import_creates_unknown_units_and_updates_known_people()
    {
        var csv = Path.Combine(_store.DataPath, "staff.csv");
        await File.WriteAllTextAsync(csv, """
            name,unit,roles,teamsId,wecomId,webLogin
            李娜,社会事务科,unit,aad-1,lina,lina
            赵敏,养老服务科,unit;leader,,zhaomin,
            "陈奇奇",办公室,office,,,chenqq
            """);
        var (code, output, error) = await Run("staff", "import", csv);
        Assert.True(code == 0, error);
        Assert.Equal("新增1人，更新2人。新建单位：养老服务科。", output.Trim());

        await using var db = _store.NewContext();
        var lina = await db.Staff.SingleAsync(s => s.Name == "李娜");
        Assert.Equal(("aad-1", "lina"), (lina.TeamsId, lina.WeComId));
        var zhao = await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Name == "赵敏");
        Assert.Equal(StaffRoles.Unit | StaffRoles.Leader, zhao.Roles);
        Assert.Equal("养老服务科", zhao.Unit!.Name);

        (code, output, _) = await Run("units", "--json");
        Assert.Contains("养老服务科", output);
        Assert.Contains("殡服中心", output);
    }

    [Fact]
    public async Task A_roster_with_any_bad_line_writes_nothing_and_lists_every_error()
    {
        var csv = Path.Combine(_store.DataPath, "bad.csv");
        await File.WriteAllTextAsync(csv, "name,unit,roles,teamsId,wecomId,webLogin\n新人甲,社会事务科,unit,,,\n新人乙,社会事务科,boss,,,\n,社会事务科,unit,,,\n新人丙,只有两列\n");
        var (code, _, error) = await Run("staff", "import", csv);
        Assert.Equal(1, code);
        Assert.Contains("第3行的角色“boss”无法识别", error);
        Assert.Contains("第4行缺少姓名", error);
        Assert.Contains("第5行应有6列，实际为2列", error);
        await using var db = _store.NewContext();
        Assert.False(await db.Staff.AnyAsync(s => s.Name == "新人甲"));
    }

    [Fact]
    public async Task Draft_report_writes_a_problems_paragraph_from_the_records()
    {
        var (code, output, error) = await Run("draft", "report", "--measure", "11", "--as-of", "2023-11-21");
        Assert.True(code == 0, error);
        Assert.StartsWith("关于“问题1.1”问题。整改情况（", output);
        Assert.Contains("＿＿", output);

        (code, _, error) = await Run("draft", "report");
        Assert.Equal(1, code);
        Assert.Equal("请用 --measure 或 --finding 指明哪个问题（二选一）。", error.Trim());
    }

    [Fact]
    public async Task Bad_arguments_get_a_clear_message()
    {
        var (code, _, error) = await Run("measures", "--status", "差不多");
        Assert.Equal(1, code);
        Assert.Contains("无法识别状态“差不多”", error);
        (code, _, error) = await Run("measure", "abc");
        Assert.Equal(1, code);
        Assert.Contains("不是措施编号", error);
    }
}
