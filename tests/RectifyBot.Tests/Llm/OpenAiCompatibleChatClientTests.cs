using System.Text.Json;
using Microsoft.Extensions.AI;
using RectifyBot.Llm;

namespace RectifyBot.Tests.Llm;

public class OpenAiCompatibleChatClientTests
{
    private static readonly AIFunction Lookup = AIFunctionFactory.Create((string name, int[] measures) => name, "lookup", "查找");

    [Fact]
    public async Task A_tool_call_comes_back_with_parsed_arguments_and_the_request_follows_the_wire_format()
    {
        await using var fake = await FakeOpenAi.StartAsync(ScriptedReply.Call("lookup", """{"name":"社事科","measures":[51,54]}"""));
        using var client = new OpenAiCompatibleChatClient(LlmTestSetup.Options(fake.Endpoint));

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "系统"), new ChatMessage(ChatRole.User, "社事科")],
            new ChatOptions { Tools = [Lookup], Temperature = 0.1f });

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("lookup", call.Name);
        Assert.Equal("call_0", call.CallId);
        Assert.Equal("社事科", ((JsonElement)call.Arguments!["name"]!).GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);

        Assert.Empty(fake.Errors);
        Assert.Equal($"Bearer {FakeOpenAi.ApiKey}", Assert.Single(fake.Authorizations));
        var request = fake.Requests[0];
        Assert.Equal(FakeOpenAi.Model, request["model"]!.GetValue<string>());
        Assert.Equal([("system", "系统"), ("user", "社事科")], fake.Messages(0));
        var tool = request["tools"]!.AsArray().Single()!;
        Assert.Equal("function", tool["type"]!.GetValue<string>());
        Assert.Equal("lookup", tool["function"]!["name"]!.GetValue<string>());
        var parameters = tool["function"]!["parameters"]!;
        Assert.Equal("string", parameters["properties"]!["name"]!["type"]!.GetValue<string>());
        Assert.Equal("array", parameters["properties"]!["measures"]!["type"]!.GetValue<string>());
        Assert.Equal("auto", request["tool_choice"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_streamed_tool_call_is_assembled_from_its_fragments()
    {
        const string arguments = """{"name":"社会事务科","measures":[51,54,56]}""";
        await using var fake = await FakeOpenAi.StartAsync(new ScriptedReply("好的", [new ScriptedCall("lookup", arguments)]));
        using var client = new OpenAiCompatibleChatClient(LlmTestSetup.Options(fake.Endpoint));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "查一下")], new ChatOptions { Tools = [Lookup] }))
        {
            updates.Add(update);
        }

        Assert.True(fake.Requests[0]["stream"]!.GetValue<bool>());
        var response = updates.ToChatResponse();
        Assert.Equal("好的", response.Text);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_0", call.CallId);
        Assert.Equal([51, 54, 56], ((JsonElement)call.Arguments!["measures"]!).EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task Streamed_text_arrives_in_pieces_and_adds_up()
    {
        await using var fake = await FakeOpenAi.StartAsync(ScriptedReply.Says("一是查明原因；二是建立制度。"));
        using var client = new OpenAiCompatibleChatClient(LlmTestSetup.Options(fake.Endpoint));

        var pieces = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "起草")]))
        {
            pieces.Add(update.Text);
        }

        Assert.True(pieces.Count(p => p.Length > 0) > 3);
        Assert.Equal("一是查明原因；二是建立制度。", string.Concat(pieces));
    }

    [Fact]
    public async Task Tool_results_go_back_as_tool_messages_after_the_assistants_call()
    {
        await using var fake = await FakeOpenAi.StartAsync(ScriptedReply.Says("完成"));
        using var client = new OpenAiCompatibleChatClient(LlmTestSetup.Options(fake.Endpoint));

        await client.GetResponseAsync(
        [
            new ChatMessage(ChatRole.User, "社事科"),
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_7", "lookup", new Dictionary<string, object?> { ["name"] = "社事科" })]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_7", "社会事务科")]),
        ], new ChatOptions { Tools = [Lookup] });

        Assert.Empty(fake.Errors);
        var messages = fake.Requests[0]["messages"]!.AsArray();
        var call = messages[1]!["tool_calls"]!.AsArray().Single()!;
        Assert.Equal("call_7", call["id"]!.GetValue<string>());
        Assert.Equal("社事科", JsonDocument.Parse(call["function"]!["arguments"]!.GetValue<string>()).RootElement.GetProperty("name").GetString());
        Assert.Equal("tool", messages[2]!["role"]!.GetValue<string>());
        Assert.Equal("call_7", messages[2]!["tool_call_id"]!.GetValue<string>());
        Assert.Equal("社会事务科", messages[2]!["content"]!.GetValue<string>());
    }
}
