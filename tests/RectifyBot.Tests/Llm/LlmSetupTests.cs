using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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

    [Fact]
    public void The_shipped_empty_section_leaves_the_model_off()
    {
        using var services = Services(new() { ["Endpoint"] = "", ["ApiKey"] = "", ["Model"] = "" });

        Assert.False(services.GetRequiredService<IOptions<LlmOptions>>().Value.Enabled);
        Assert.Null(services.GetService<IChatClient>());
        Assert.False(services.GetRequiredService<LlmIntentRecognizer>().IsEnabled);
        Assert.False(services.GetRequiredService<LlmMeasureDrafter>().IsEnabled);
    }

    [Fact]
    public void Endpoint_and_model_switch_it_on()
    {
        using var services = Services(new() { ["Endpoint"] = "http://127.0.0.1:9/v1/", ["Model"] = "qwen2.5-7b-instruct" });

        Assert.IsType<OpenAiCompatibleChatClient>(services.GetRequiredService<IChatClient>());
        Assert.True(services.GetRequiredService<LlmIntentRecognizer>().IsEnabled);
        Assert.True(services.GetRequiredService<LlmMeasureDrafter>().IsEnabled);
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

    [Fact]
    public void Templates_fill_placeholders_and_drop_the_engineers_comments()
    {
        var folder = Directory.CreateTempSubdirectory("rectifybot-prompts-").FullName;
        File.WriteAllText(Path.Combine(folder, "t.md"), "<!-- why this prompt says what it says -->\n今天是{{today}}，{{ unit }}。");
        var prompts = new PromptLibrary(folder);

        Assert.Equal("今天是2023-11-21，社会事务科。", prompts.Render("t", new Dictionary<string, string> { ["today"] = "2023-11-21", ["unit"] = "社会事务科" }));
        Assert.Throws<InvalidOperationException>(() => prompts.Render("t", new Dictionary<string, string> { ["today"] = "x" }));
        Assert.Throws<FileNotFoundException>(() => prompts.Render("missing", new Dictionary<string, string>()));
    }

    [Fact]
    public void The_shipped_drafting_prompt_renders_with_the_values_the_drafter_fills()
    {
        var text = new PromptLibrary().Render(LlmMeasureDrafter.PromptName, new Dictionary<string, string> { ["min"] = "3", ["max"] = "6", ["count"] = "5" });

        Assert.Contains("起草3至6条整改措施", text);
        Assert.Contains("1至5", text);
        Assert.DoesNotContain("{{", text);
    }
}
