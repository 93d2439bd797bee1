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

    /// <summary>Replies the acknowledgement took: the queue still hands them to <see cref="ReplyAsync"/>, which has nothing left to send.</summary>
    private readonly HashSet<Reply> _acknowledged = new(ReferenceEqualityComparer.Instance);

    public Task ReplyAsync(ReplyTo to, Reply reply, CancellationToken ct)
    {
        lock (_acknowledged)
        {
            if (_acknowledged.Contains(reply))
            {
                return Task.CompletedTask;
            }
        }
        return ((TestReplyTo)to).OnReply(reply);
    }

    public bool TryAnswerInAcknowledgement(ReplyTo to, Reply reply)
    {
        var taken = ((TestReplyTo)to).Acknowledgement?.Invoke(reply) ?? false;
        if (taken)
        {
            lock (_acknowledged)
            {
                _acknowledged.Add(reply);
            }
        }
        return taken;
    }

    public Task<bool> SendAsync(Recipients to, Outgoing message, CancellationToken ct) => Task.FromResult(false);
}
