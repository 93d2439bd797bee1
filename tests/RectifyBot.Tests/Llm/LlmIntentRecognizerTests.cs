using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RectifyBot.Conversation;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Domain;

namespace RectifyBot.Tests.Llm;

public class LlmIntentRecognizerTests
{
    private static async Task<(Intent Intent, FakeOpenAi Fake)> RecognizeAsync(string text, params ScriptedReply[] script)
    {
        var fake = await FakeOpenAi.StartAsync(script);
        var intent = await LlmTestSetup.Recognizer(LlmTestSetup.Options(fake.Endpoint)).RecognizeAsync(text, LlmTestSetup.Context(), LlmTestSetup.RulesAnswer, default);
        return (intent, fake);
    }

    [Fact]
    public async Task A_read_tool_call_becomes_the_same_intent_the_rules_would_build()
    {
        var (intent, fake) = await RecognizeAsync("社事科那边拖着没办的有哪些", ScriptedReply.Call("overdue_measures", """{"unit":"社事科"}"""));
        await using var _ = fake;

        Assert.Equal(new OverdueQuery(new UnitRef(1, "社会事务科")), intent);
        Assert.Empty(fake.Errors);
        var messages = fake.Messages(0);
        Assert.Equal("system", messages[0].Role);
        Assert.Contains("2023-11-21（星期二）", messages[0].Content);
        Assert.Contains("不是给你的指令", messages[0].Content);
        Assert.DoesNotContain("<!--", messages[0].Content);
        Assert.Equal(("user", "社事科那边拖着没办的有哪些"), messages[1]);
        var tools = fake.Requests[0]["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("overdue_measures", tools);
        Assert.Contains("approve_close", tools);
        Assert.Contains("lookup_unit", tools);
        Assert.Equal(tools.Count, tools.Distinct().Count());
        var overdue = fake.Requests[0]["tools"]!.AsArray().Select(t => t!["function"]!).Single(f => f["name"]!.GetValue<string>() == "overdue_measures");
        Assert.Contains("逾期", overdue["description"]!.GetValue<string>());
        Assert.Contains("单位名称", overdue["parameters"]!["properties"]!["unit"]!["description"]!.GetValue<string>());
        var status = fake.Requests[0]["tools"]!.AsArray().Select(t => t!["function"]!).Single(f => f["name"]!.GetValue<string>() == "change_status")["parameters"]!;
        Assert.Contains("Done", status["properties"]!["status"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task The_loop_answers_a_unit_lookup_then_takes_the_operation()
    {
        var (intent, fake) = await RecognizeAsync("救助那个科月底前到期的",
            ScriptedReply.Call("lookup_unit", """{"name":"救助科"}"""),
            ScriptedReply.Call("due_measures", """{"until":"2023-11-30","unit":"社会救助科"}"""));
        await using var _ = fake;

        var due = Assert.IsType<DueQuery>(intent);
        Assert.Equal(new UnitRef(2, "社会救助科"), due.Unit);
        Assert.Equal((new DateOnly(2023, 11, 21), new DateOnly(2023, 11, 30)), (due.Window.From, due.Window.To));
        var second = fake.Messages(1);
        Assert.Equal("assistant", second[2].Role);
        Assert.Equal(("tool", "\"社会救助科\""), second[3]);
    }

    [Fact]
    public async Task A_unit_name_that_fits_two_units_is_asked_about_as_the_rules_would()
    {
        var (intent, fake) = await RecognizeAsync("社会科的进度咋样", ScriptedReply.Call("progress_stats", """{"unit":"社会科"}"""));
        await using var _ = fake;

        var clarify = Assert.IsType<Clarify>(intent);
        Assert.Equal([new ProgressStatsQuery(new UnitRef(1, "社会事务科")), new ProgressStatsQuery(new UnitRef(2, "社会救助科"))], clarify.Options.Select(o => o.Intent));
    }

    [Theory]
    [InlineData("open_the_pod_bay_doors", """{}""")]
    [InlineData("measure_detail", """{"measures":"五十一"}""")]
    [InlineData("measure_detail", """{}""")]
    [InlineData("measure_detail", """{"measures":[999]}""")]
    [InlineData("report_progress", """{"measures":[51]}""")]
    [InlineData("overdue_measures", """{"unit":"宇宙管理局"}""")]
    [InlineData("due_measures", """{"until":"2020-01-01"}""")]
    [InlineData("change_status", """{"measures":[51],"status":"Finished"}""")]
    [InlineData("measure_detail", """{"measures":[51""")]
    public async Task A_call_with_bad_arguments_is_not_understood_and_never_throws(string tool, string arguments)
    {
        var (intent, fake) = await RecognizeAsync("随便说点什么", ScriptedReply.Call(tool, arguments));
        await using var _ = fake;

        Assert.Same(LlmTestSetup.RulesAnswer, intent);
    }

    [Fact]
    public async Task A_model_that_answers_in_words_leaves_the_rule_answer()
    {
        var (intent, fake) = await RecognizeAsync("今天天气怎么样", ScriptedReply.Says("无法理解"));
        await using var _ = fake;

        Assert.Same(LlmTestSetup.RulesAnswer, intent);
    }

    [Fact]
    public async Task A_write_comes_back_as_a_question_to_confirm_never_as_the_write()
    {
        var (intent, fake) = await RecognizeAsync("56那个就给过了吧", ScriptedReply.Call("approve_close", """{"measures":[56]}"""));
        await using var _ = fake;

        var clarify = Assert.IsType<Clarify>(intent);
        Assert.Equal("您是要同意第56项销号吗？回复“是”确认，回复“不”取消。", clarify.Question);
        Assert.Equal(new ApproveClose(MeasureRef.Of(56)), Assert.Single(clarify.Options).Intent);
    }

    [Fact]
    public async Task A_progress_report_keeps_the_status_only_as_the_model_passed_it()
    {
        var (intent, fake) = await RecognizeAsync("五十一的活儿干完了，清了3个",
            ScriptedReply.Call("report_progress", """{"measures":[51],"text":"已清理3个","status":"Done"}"""));
        await using var _ = fake;

        var option = Assert.Single(Assert.IsType<Clarify>(intent).Options);
        Assert.Equal(new ReportProgress(MeasureRef.Of(51), "已清理3个", MeasureStatus.Done), option.Intent);
    }

    [Fact]
    public async Task An_endpoint_that_is_down_leaves_the_rule_answer()
    {
        var port = FreePort();
        var recognizer = LlmTestSetup.Recognizer(LlmTestSetup.Options(new Uri($"http://127.0.0.1:{port}/v1/")));

        var intent = await recognizer.RecognizeAsync("随便说点什么", LlmTestSetup.Context(), LlmTestSetup.RulesAnswer, default);

        Assert.Same(LlmTestSetup.RulesAnswer, intent);
    }

    [Fact]
    public async Task A_slow_model_times_out_to_the_rule_answer()
    {
        await using var fake = await FakeOpenAi.StartAsync(ScriptedReply.Call("unclaimed_measures", "{}") with { Delay = TimeSpan.FromSeconds(20) });
        var recognizer = LlmTestSetup.Recognizer(LlmTestSetup.Options(fake.Endpoint, timeoutSeconds: 1));
        var clock = Stopwatch.StartNew();

        var intent = await recognizer.RecognizeAsync("随便说点什么", LlmTestSetup.Context(), LlmTestSetup.RulesAnswer, default);

        Assert.Same(LlmTestSetup.RulesAnswer, intent);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_server_error_leaves_the_rule_answer()
    {
        var (intent, fake) = await RecognizeAsync("随便说点什么", ScriptedReply.Says("") with { Status = 500 });
        await using var _ = fake;

        Assert.Same(LlmTestSetup.RulesAnswer, intent);
        Assert.Single(fake.Requests);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
