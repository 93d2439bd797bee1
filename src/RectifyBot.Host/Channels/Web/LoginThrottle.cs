using System.Net;

namespace RectifyBot.Host.Channels.Web;

/// <summary>
/// Failed sign-ins, counted per login name and per client address, in memory. A few failures are free; after them
/// each further try must wait, five seconds first and twice as long after each further failure, up to a cap. The
/// cap per account is short, so someone guessing a colleague's password cannot lock them out for long; the cap per
/// address is long, so one client trying many accounts is slowed down hard. An address has more free failures than
/// an account: an office's people may share one address. Failures are forgotten a while after the last one.
/// (Behind a load balancer each instance counts its own; the limit still holds per instance.)
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int FreeFailures = 5;
    public const int FreeFailuresPerAddress = 20;
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan AccountCap = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan AddressCap = TimeSpan.FromMinutes(15);

    /// <summary>A key with no failure for this long starts again from nothing.</summary>
    public static readonly TimeSpan Forget = TimeSpan.FromMinutes(30);

    /// <summary>Above this many tracked keys, forgotten entries are dropped so guessing many names cannot grow memory without end.</summary>
    private const int PruneAbove = 10_000;

    private readonly Dictionary<string, (int Failures, DateTimeOffset Last)> _failures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long this sign-in must still wait; zero when it may go ahead.</summary>
    public TimeSpan RetryAfter(string login, IPAddress? client)
    {
        var now = time.GetUtcNow();
        lock (_failures)
        {
            var account = Wait(AccountKey(login), FreeFailures, AccountCap, now);
            return client is null ? account : Max(account, Wait(AddressKey(client), FreeFailuresPerAddress, AddressCap, now));
        }
    }

    public void Failed(string login, IPAddress? client)
    {
        var now = time.GetUtcNow();
        lock (_failures)
        {
            if (_failures.Count > PruneAbove)
            {
                foreach (var stale in _failures.Where(f => now - f.Value.Last > Forget).Select(f => f.Key).ToList())
                {
                    _failures.Remove(stale);
                }
            }
            Count(AccountKey(login), now);
            if (client is not null)
            {
                Count(AddressKey(client), now);
            }
        }
    }

    /// <summary>The account's count starts again; the address's does not, or one valid account would let a client try others freely.</summary>
    public void Succeeded(string login)
    {
        lock (_failures)
        {
            _failures.Remove(AccountKey(login));
        }
    }

    private void Count(string key, DateTimeOffset now)
    {
        var failures = _failures.TryGetValue(key, out var entry) && now - entry.Last <= Forget ? entry.Failures : 0;
        _failures[key] = (failures + 1, now);
    }

    private TimeSpan Wait(string key, int free, TimeSpan cap, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var entry) || entry.Failures < free || now - entry.Last > Forget)
        {
            return TimeSpan.Zero;
        }
        var delay = TimeSpan.FromSeconds(Math.Min(cap.TotalSeconds, FirstWait.TotalSeconds * Math.Pow(2, Math.Min(entry.Failures - free, 30))));
        return Max(TimeSpan.Zero, entry.Last + delay - now);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string AccountKey(string login) => "a:" + login;

    private static string AddressKey(IPAddress client) => "ip:" + (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client);
}
