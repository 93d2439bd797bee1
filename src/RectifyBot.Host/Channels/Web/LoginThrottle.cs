namespace RectifyBot.Host.Channels.Web;

/// <summary>
/// Failed sign-ins per login name in a sliding window, in memory: enough to stop password guessing against one
/// account from one server. (Behind a load balancer each instance counts its own; the limit still holds per instance.)
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Above this many tracked names, expired entries are dropped so guessing many names cannot grow memory without end.</summary>
    private const int PruneAbove = 10_000;

    private readonly Dictionary<string, List<DateTimeOffset>> _failures = new(StringComparer.OrdinalIgnoreCase);

    public bool IsLocked(string login)
    {
        lock (_failures)
        {
            return _failures.TryGetValue(login, out var times) && Recent(times) >= MaxFailures;
        }
    }

    public void Failed(string login)
    {
        lock (_failures)
        {
            if (_failures.Count > PruneAbove)
            {
                foreach (var stale in _failures.Where(f => Recent(f.Value) == 0).Select(f => f.Key).ToList())
                {
                    _failures.Remove(stale);
                }
            }
            if (!_failures.TryGetValue(login, out var times))
            {
                _failures[login] = times = [];
            }
            times.Add(time.GetUtcNow());
        }
    }

    public void Succeeded(string login)
    {
        lock (_failures)
        {
            _failures.Remove(login);
        }
    }

    private int Recent(List<DateTimeOffset> times)
    {
        var since = time.GetUtcNow() - Window;
        times.RemoveAll(t => t < since);
        return times.Count;
    }
}
