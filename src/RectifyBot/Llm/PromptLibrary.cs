using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.SemanticKernel;

namespace RectifyBot.Llm;

/// <summary>
/// The prompts in prompts/*.json (copied beside the binaries), one file each in Semantic Kernel's prompt template
/// configuration format: the template with its <c>&lt;message role="…"&gt;</c> blocks, its input variables and its
/// execution settings (temperature, output length, whether functions may be called). Editable without a rebuild.
/// The files may carry // comments: the engineers' notes, never sent. Variables are filled by Semantic Kernel's
/// template engine, which encodes their values, so a user's text cannot close its message block and speak as the
/// system.
/// </summary>
public sealed class PromptLibrary(string folder)
{
    private static readonly JsonDocumentOptions WithComments = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly ConcurrentDictionary<string, KernelFunction> _functions = new();

    /// <summary>The prompts shipped beside the application.</summary>
    public PromptLibrary() : this(Path.Combine(AppContext.BaseDirectory, "prompts"))
    {
    }

    /// <summary>The prompt as a kernel function; invoke it with a kernel and its variables as arguments.</summary>
    public KernelFunction Get(string name) => _functions.GetOrAdd(name, Load);

    private KernelFunction Load(string name)
    {
        var path = Path.Combine(folder, name + ".json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Prompt template {path} is missing; it ships in the repository's prompts/ folder.", path);
        }
        var config = PromptTemplateConfig.FromJson(JsonNode.Parse(File.ReadAllText(path), documentOptions: WithComments)!.ToJsonString());
        // Every variable the template uses must be declared, so a caller that forgets one fails loudly, not with an empty gap.
        foreach (var variable in config.InputVariables)
        {
            variable.IsRequired = true;
        }
        return KernelFunctionFactory.CreateFromPrompt(config);
    }
}
