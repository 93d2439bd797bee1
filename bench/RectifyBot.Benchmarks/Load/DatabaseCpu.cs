using System.Globalization;
using System.Net;
using Npgsql;
using RectifyBot.Store;

namespace RectifyBot.Benchmarks.Load;

/// <summary>
/// The CPU time a PostgreSQL cluster on this machine spends for the run's database, read from /proc: its postmaster
/// (the process listening on the connection string's port or socket), its background processes (WAL writer,
/// checkpointer, background writer, autovacuum, parallel workers), and the backends connected to this database (a
/// backend's title is "postgres: user database host activity"). Backends of other databases are left out: the
/// cluster may be shared, say with tests creating databases of their own. Each process is read every 100 ms and
/// kept by pid and start time, so a backend that ends keeps what it used. Null when the database is elsewhere or
/// there is no /proc.
/// </summary>
internal sealed class DatabaseCpu : IDisposable
{
    private readonly int _postmaster;
    private readonly string _user;
    private readonly string _database;
    private readonly Dictionary<(int Pid, string Start), long> _ticks = [];
    private readonly Timer _timer;

    private DatabaseCpu(int postmaster, string user, string database)
    {
        (_postmaster, _user, _database) = (postmaster, user, database);
        _timer = new Timer(_ => Read(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    public int Postmaster => _postmaster;

    /// <summary>CPU time so far, on all cores, of the cluster's processes that work for this database.</summary>
    public TimeSpan Cpu
    {
        get
        {
            Read();
            lock (_ticks)
            {
                return TimeSpan.FromMilliseconds(_ticks.Values.Sum() * 10.0); // clock ticks, 100 a second on Linux
            }
        }
    }

    public static DatabaseCpu? Find(StoreOptions store)
    {
        if (store.Provider != StoreProvider.Postgres || !Directory.Exists("/proc/self"))
        {
            return null;
        }
        var c = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        var host = c.Host ?? "localhost";
        var inode = host.StartsWith('/')
            ? ListeningUnixSocket(Path.Combine(host, $".s.PGSQL.{c.Port}"))
            : IsThisMachine(host) ? ListeningTcpSocket(c.Port) : null;
        var postmaster = inode is null ? null : ProcessWithSocket(inode);
        return postmaster is null || c.Username is null || c.Database is null ? null : new DatabaseCpu(postmaster.Value, c.Username, c.Database);
    }

    private static bool IsThisMachine(string host) =>
        host == "localhost" || host == Dns.GetHostName() || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The inode of the socket listening on <paramref name="port"/>: /proc/net/tcp's local address ends in the port in hex, state 0A is LISTEN.</summary>
    private static string? ListeningTcpSocket(int port)
    {
        var suffix = $":{port:X4}";
        return new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).SelectMany(File.ReadLines).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(f => f.Length > 9 && f[1].EndsWith(suffix, StringComparison.Ordinal) && f[3] == "0A")?[9];
    }

    private static string? ListeningUnixSocket(string path) =>
        File.ReadLines("/proc/net/unix").Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(f => f.Length > 7 && f[^1] == path)?[6];

    private static int? ProcessWithSocket(string inode)
    {
        var target = $"socket:[{inode}]";
        foreach (var pid in Pids())
        {
            try
            {
                if (Directory.EnumerateFiles($"/proc/{pid}/fd").Any(fd => new FileInfo(fd).LinkTarget == target))
                {
                    return pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // ended, or not ours to read
            }
        }
        return null;
    }

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!, CultureInfo.InvariantCulture));

    private void Read()
    {
        foreach (var pid in Pids())
        {
            if (ProcStat.Read(pid) is not { } stat || (pid != _postmaster && stat.ParentId != _postmaster) || !Ours(pid))
            {
                continue;
            }
            lock (_ticks)
            {
                _ticks[(pid, stat.StartTime)] = stat.Ticks;
            }
        }
    }

    /// <summary>The postmaster and its background processes are; a backend is when it is connected to this database.</summary>
    private bool Ours(int pid)
    {
        try
        {
            var words = File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0', ' ').Split(' ');
            return words is not ["postgres:", var user, var database, ..] || user != _user || database == _database;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>A process's or thread's /proc stat: its parent, its start time, and the CPU it has used (utime and stime, in clock ticks).</summary>
internal sealed record ProcStat(string Name, int ParentId, string StartTime, long Ticks)
{
    public static ProcStat? Read(int pid) => Read($"/proc/{pid}/stat");

    public static ProcStat? Read(string path)
    {
        try
        {
            var stat = File.ReadAllText(path);
            // "pid (comm) state ppid …": comm may hold spaces, so fields are counted from its closing parenthesis.
            var (open, close) = (stat.IndexOf('('), stat.LastIndexOf(')'));
            if (open < 0 || close < open)
            {
                return null;
            }
            var f = stat[(close + 2)..].Split(' ');
            // After comm: state is field 3 of stat(5), ppid 4, utime 14, stime 15, starttime 22.
            return new ProcStat(stat[(open + 1)..close], int.Parse(f[1], CultureInfo.InvariantCulture), f[19],
                long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null; // ended while it was read
        }
    }
}
