using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace RectifyBot.Llm;

/// <summary>
/// The prompt templates in prompts/*.md (copied beside the binaries), editable without a rebuild's worth of
/// code. <c>{{name}}</c> placeholders are filled from trusted values only (date, role, counts): what users and
/// documents wrote always travels in its own user message, so no edit to a template can put it in the
/// instructions. HTML comments are the engineers' notes and are not sent.
/// </summary>
public sealed partial class PromptLibrary(string folder)
{
    private readonly ConcurrentDictionary<string, string> _templates = new();

    /// <summary>The prompts shipped beside the application.</summary>
    public PromptLibrary() : this(Path.Combine(AppContext.BaseDirectory, "prompts"))
    {
    }

    public string Render(string name, IReadOnlyDictionary<string, string> values)
    {
        var template = _templates.GetOrAdd(name, Load);
        return Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"Prompt {name}.md uses {{{{{m.Groups[1].Value}}}}}, which the caller does not fill."));
    }

    private string Load(string name)
    {
        var path = Path.Combine(folder, name + ".md");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Prompt template {path} is missing; it ships in the repository's prompts/ folder.", path);
        }
        return Comment().Replace(File.ReadAllText(path), "").Trim();
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"<!--.*?-->\s*", RegexOptions.Singleline)]
    private static partial Regex Comment();
}
