using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using RectifyBot.Conversation.Understanding;
using RectifyBot.Drafting;
using RectifyBot.Llm;

namespace RectifyBot.Tests.Llm;

public class LlmSetupTests
{
    private static ServiceProvider Services(Dictionary<string, string?> llm)
    {
        var data = Directory.CreateTempSubdirectory("rectifybot-llm-").FullName;
        var settings = llm.ToDictionary(p => "Llm:" + p.Key, p => p.Value);
        settings["Data:Path"] = data;
        return new ServiceCollection().AddRectifyBot(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), data).BuildServiceProvider();
    }

    /// <summary>
    /// Each LLM piece sits beside its rule-based twin (the recogniser and its kernel functions in
    /// Conversation/Understanding, the drafters in Drafting), and Llm/ is the kernel's set-up, which needs neither:
    /// the folder cycles Conversation↔Llm and Drafting↔Llm stay gone.
    /// </summary>
    [Fact]
    public void The_llm_folder_is_the_kernels_set_up_and_depends_on_no_feature_folder()
    {
        var folder = Path.Combine(TestData.Shared.SolutionFolder, "src", "RectifyBot", "Llm");
        var files = Directory.GetFiles(folder, "*.cs");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var code = File.ReadAllText(file);
            foreach (var feature in new[] { "Conversation", "Drafting", "Documents", "Rectification" })
            {
                Assert.False(System.Text.RegularExpressions.Regex.IsMatch(code, $@"\b(RectifyBot\.)?{feature}\.[A-Z]|using RectifyBot\.{feature}"),
                    $"{Path.GetFileName(file)} uses {feature}/: Llm/ is the kernel's set-up only");
            }
            Assert.DoesNotContain("[KernelFunction", code);
        }
        Assert.True(typeof(LlmIntentRecognizer).Namespace == "RectifyBot.Conversation.Understanding" && typeof(LlmReportWriter).Namespace == "RectifyBot.Drafting"
            && typeof(LlmMeasureDrafter).Namespace == "RectifyBot.Drafting" && typeof(StoreFunctions).Namespace == "RectifyBot.Conversation.Understanding");
    }

    [Fact]
    public void The_shipped_empty_section_leaves_the_model_off()
    {
        using var services = Services(new() { ["Endpoint"] = "", ["ApiKey"] = "", ["Model"] = "" });
        using var scope = services.CreateScope();

        Assert.False(services.GetRequiredService<IOptions<LlmOptions>>().Value.Enabled);
        Assert.Null(services.GetService<Kernel>());
        Assert.False(scope.ServiceProvider.GetRequiredService<LlmIntentRecognizer>().IsEnabled);
        Assert.False(services.GetRequiredService<LlmMeasureDrafter>().IsEnabled);
        Assert.False(services.GetRequiredService<LlmReportWriter>().IsEnabled);
    }

    [Theory]
    [InlineData("OpenAi", "http://127.0.0.1:9/v1/", "qwen2.5-7b-instruct")]
    [InlineData("AzureOpenAi", "https://example.openai.azure.com/", "gpt-4o-deployment")]
    [InlineData("AzureOpenAi", "https://example.openai.azure.com/openai/v1/", "gpt-4o-deployment")]
    public void Endpoint_and_model_switch_it_on(string provider, string endpoint, string model)
    {
        using var services = Services(new() { ["Provider"] = provider, ["Endpoint"] = endpoint, ["Model"] = model, ["ApiKey"] = "k" });
        using var scope = services.CreateScope();

        Assert.NotNull(services.GetRequiredService<Kernel>().GetRequiredService<Microsoft.Extensions.AI.IChatClient>());
        Assert.True(scope.ServiceProvider.GetRequiredService<LlmIntentRecognizer>().IsEnabled);
        Assert.True(services.GetRequiredService<LlmMeasureDrafter>().IsEnabled);
    }

    [Fact]
    public void Azure_without_a_key_uses_entra_id_and_builds_without_asking_for_a_token_yet()
    {
        var options = new LlmOptions { Provider = LlmProvider.AzureOpenAi, Endpoint = new Uri("https://example.openai.azure.com/"), Model = "gpt-4o" };

        Assert.IsType<Azure.AI.OpenAI.AzureOpenAIClient>(LlmKernel.Client(options));
        Assert.IsNotType<Azure.AI.OpenAI.AzureOpenAIClient>(LlmKernel.Client(new LlmOptions
        {
            Provider = LlmProvider.AzureOpenAi, Endpoint = new Uri("https://example.openai.azure.com/openai/v1/"), Model = "gpt-4o",
        }));
    }

    [Fact]
    public void An_endpoint_without_a_model_is_refused_at_start_with_what_to_set()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Services(new() { ["Endpoint"] = "https://example.openai.azure.com/openai/v1/" }));
        Assert.Contains("Missing configuration: Llm:Model", error.Message);
    }

    [Theory]
    [InlineData("ftp://llm/v1/", "qwen", "absolute http or https URL")]
    [InlineData(null, "qwen", "Missing configuration: Llm:Endpoint")]
    public void Bad_settings_say_how_to_fix_them(string? endpoint, string model, string expected)
    {
        var options = new LlmOptions { Endpoint = endpoint is null ? null : new Uri(endpoint), Model = model };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains(expected));
    }

    [Theory]
    [InlineData(LlmIntentRecognizer.PromptName, 600)]
    [InlineData(LlmMeasureDrafter.PromptName, 2000)]
    [InlineData(LlmReportWriter.PromptName, 1500)]
    public void Each_shipped_prompt_is_a_template_with_its_own_execution_settings(string name, int maxTokens)
    {
        var function = new PromptLibrary().Get(name);

        var settings = Assert.Single(function.ExecutionSettings!).Value;
        Assert.Equal(maxTokens, Convert.ToInt32(settings.ExtensionData!["max_tokens"]?.ToString()));
        Assert.NotEmpty(function.Metadata.Parameters);
        Assert.All(function.Metadata.Parameters, p => Assert.True(p.IsRequired));
    }

    [Fact]
    public async Task A_prompt_invoked_without_one_of_its_variables_fails_loudly()
    {
        var folder = Directory.CreateTempSubdirectory("rectifybot-prompts-").FullName;
        File.WriteAllText(Path.Combine(folder, "t.json"), """
            // why this prompt says what it says
            { "name": "t", "template": "今天是{{$today}}，{{$unit}}。", "input_variables": [{ "name": "today" }, { "name": "unit" }] }
            """);
        var prompts = new PromptLibrary(folder);

        await Assert.ThrowsAnyAsync<KernelException>(() => prompts.Get("t").InvokeAsync(new Kernel(), new KernelArguments { ["today"] = "x" }));
        Assert.Throws<FileNotFoundException>(() => prompts.Get("missing"));
    }

    [Theory]
    [InlineData("社会事务科逾期的有第51项、第54项。", new[] { 51, 54 })]
    [InlineData("第51、54和第五十六项都已完成", new[] { 51, 54, 56 })]
    [InlineData("共3项，完成率50%", new int[0])]
    public void An_answers_measure_citations_are_read_whichever_way_they_are_written(string answer, int[] cited)
    {
        Assert.Equal(cited, LlmIntentRecognizer.CitedMeasures(answer));
    }
}
