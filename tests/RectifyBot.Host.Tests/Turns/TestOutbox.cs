using RectifyBot.Conversation;
using RectifyBot.Host.Outbox;

namespace RectifyBot.Host.Tests.Turns;

/// <summary>A turn's reply handed to the test: the queue's tests look at what the engine answered, not at a channel.</summary>
internal sealed record TestReplyTo(Func<Reply, Task> OnReply) : ReplyTo(TestOutbox.Name)
{
    /// <summary>What opening the turn's reply waits for: a turn held here is a slow one (say, waiting on a model).</summary>
    public Task Opened { get; init; } = Task.CompletedTask;

    /// <summary>Takes the reply in the message's acknowledgement when set and it says so, as a WeCom callback's response does.</summary>
    public Func<Reply, bool>? Acknowledgement { get; init; }

    public TestReplyTo(Action<Reply> onReply) : this(reply => { onReply(reply); return Task.CompletedTask; })
    {
    }
}

internal sealed class TestOutbox : IOutbox
{
    public const string Name = "test";

    public string Channel => Name;

    public bool Enabled => false;

    public Task OpenAsync(ReplyTo to, CancellationToken ct) => ((TestReplyTo)to).Opened;

    public Task ReplyAsync(ReplyTo to, Reply reply, CancellationToken ct) => ((TestReplyTo)to).OnReply(reply);

    public bool TryAnswerInAcknowledgement(ReplyTo to, Reply reply) => ((TestReplyTo)to).Acknowledgement?.Invoke(reply) ?? false;

    public Task<bool> SendAsync(Recipients to, Outgoing message, CancellationToken ct) => Task.FromResult(false);
}
