using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RectifyBot;

/// <summary>
/// What an operator watches, as System.Diagnostics.Metrics instruments and traces under the name "RectifyBot".
/// The server exports them over OTLP when configured and shows them at /metrics; `dotnet-counters monitor
/// -n RectifyBot.Host --counters RectifyBot` reads them from a running process without either.
/// </summary>
public sealed class Telemetry
{
    public const string Name = "RectifyBot";

    /// <summary>Spans for a turn, an import, a reminder run and a backup.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _outboundFailures;
    private readonly Counter<long> _reminderRuns;
    private readonly Histogram<double> _importDuration;

    public Telemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _turns = _meter.CreateCounter<long>("rectifybot.turns", "{turn}", "Conversation turns answered, by channel and intent");
        _turnDuration = _meter.CreateHistogram<double>("rectifybot.turn.duration", "s", "Time from a turn's start to its reply, by channel",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _outboundFailures = _meter.CreateCounter<long>("rectifybot.outbound.failures", "{call}", "Failed calls to a channel's API (replies, reminders, downloads), by channel and operation");
        _reminderRuns = _meter.CreateCounter<long>("rectifybot.reminder.runs", "{run}", "Daily reminder runs, by outcome");
        _importDuration = _meter.CreateHistogram<double>("rectifybot.import.duration", "s", "Time to import a plan, by outcome");
    }

    public void Turn(string channel, string intent, TimeSpan elapsed)
    {
        _turns.Add(1, new("channel", channel), new("intent", intent));
        _turnDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("channel", channel));
    }

    public void OutboundFailed(string channel, string operation) =>
        _outboundFailures.Add(1, new("channel", channel), new("operation", operation));

    /// <param name="outcome">ran, skipped (not a workday, not yet the hour, quiet hours) or failed.</param>
    public void ReminderRun(string outcome) => _reminderRuns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <param name="outcome">stored, unchanged (the same file again), refused (not a plan) or failed.</param>
    public void Imported(TimeSpan elapsed, string outcome) =>
        _importDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Turns waiting in each lane of the turn queue, read when the metrics are collected.</summary>
    public void ObserveQueueDepth(Func<IEnumerable<Measurement<int>>> lanes) =>
        _meter.CreateObservableGauge("rectifybot.turn_queue.depth", lanes, "{turn}", "Turns waiting in each lane of the turn queue");

    /// <summary>
    /// The hook for the durable inbox: it calls this once with a function that counts the messages it has received
    /// and not yet handled (per channel), and the backlog appears as rectifybot.inbox.backlog.
    /// </summary>
    public void ObserveInboxBacklog(Func<IEnumerable<Measurement<long>>> backlog) =>
        _meter.CreateObservableGauge("rectifybot.inbox.backlog", backlog, "{message}", "Messages received and not yet handled, by channel");
}
