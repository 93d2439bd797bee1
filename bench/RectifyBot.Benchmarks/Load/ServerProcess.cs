using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RectifyBot.Store;

namespace RectifyBot.Benchmarks.Load;

/// <summary>
/// The server as it is deployed: RectifyBot.Host in a process of its own (its own runtime settings, server GC,
/// thread pool), so the load client does not share them. Its output goes to server.log in the data folder (or
/// another name, for several instances sharing one folder).
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly JitThreads _jit;
    private bool _stopped;

    private ServerProcess(Process process, StreamWriter log, Uri baseAddress, string logPath)
    {
        _process = process;
        _log = log;
        _jit = new JitThreads(process.Id);
        BaseAddress = baseAddress;
        LogPath = logPath;
    }

    public Uri BaseAddress { get; }
    public string LogPath { get; }
    public int Id => _process.Id;

    /// <summary>CPU time the server has used so far, on all cores, but for its background JIT (<see cref="Jit"/>).</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime - Jit;
        }
    }

    /// <summary>
    /// CPU time the runtime's background JIT thread has used so far: warm-up, not the cost of a request. It recompiles
    /// hot methods optimised (tiered compilation), and on a machine shared with builds it was still at it minutes
    /// after start, through every phase, at up to two thirds of the server's CPU in the <c>/api/me</c> phase.
    /// </summary>
    public TimeSpan Jit => _jit.Total;

    /// <param name="build">
    /// The folder of the server's binaries: by default the one built with this benchmark; another build (say, before a
    /// change) is measured by the same client, in the same run as its floors.
    /// </param>
    public static async Task<ServerProcess> StartAsync(string dataPath, StoreOptions store, IEnumerable<string> settings, string? build = null,
        string logName = "server.log")
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(build ?? AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "RectifyBot.Host.exe" : "RectifyBot.Host"))
        {
            // No appsettings.json above the data folder: the server reads the copy beside its binaries.
            WorkingDirectory = dataPath,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in Arguments($"http://127.0.0.1:{port}", dataPath, store, settings))
        {
            start.ArgumentList.Add(arg);
        }
        var logPath = Path.Combine(dataPath, logName);
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, new Uri($"http://127.0.0.1:{port}/"), logPath);
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>The server's command line: the shipped settings, logging included (a line per turn), but for the daily reminder job.</summary>
    internal static string[] Arguments(string url, string dataPath, StoreOptions store, IEnumerable<string> settings) =>
    [
        $"--urls={url}", $"--Data:Path={dataPath}", "--Reminders:Enabled=false",
        $"--Store:Provider={store.Provider}", $"--Store:ConnectionString={store.ConnectionString}", .. settings,
    ];

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (_process.HasExited)
            {
                break;
            }
            try
            {
                if ((await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet, or too busy starting to answer
            }
            await Task.Delay(200);
        }
        await DisposeAsync();
        throw new InvalidOperationException($"the server did not become ready; see {LogPath}:\n" +
                                            string.Join('\n', File.ReadLines(LogPath).TakeLast(20)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the server as an operator would (SIGTERM: queued turns finish), and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows())
            {
                _process.Kill(entireProcessTree: true);
            }
            else
            {
                Process.Start("kill", ["-TERM", _process.Id.ToString()])?.WaitForExit();
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _jit.Dispose();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}

/// <summary>
/// The CPU time of a process's threads named ".NET Tiered Com" (the runtime's background JIT), read from /proc every
/// 100 ms and kept by thread id: the runtime ends the thread when it has been idle a while and starts another later,
/// and a thread that has ended no longer shows. Zero where there is no /proc.
/// </summary>
internal sealed class JitThreads : IDisposable
{
    private const string Name = ".NET Tiered Com";
    private readonly Dictionary<string, long> _ticks = [];
    private readonly Timer _timer;
    private readonly string _tasks;

    public JitThreads(int pid)
    {
        _tasks = $"/proc/{pid}/task";
        _timer = new Timer(_ => Read(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    public TimeSpan Total
    {
        get
        {
            Read();
            lock (_ticks)
            {
                // utime and stime are in clock ticks, 100 a second on Linux.
                return TimeSpan.FromMilliseconds(_ticks.Values.Sum() * 10.0);
            }
        }
    }

    private void Read()
    {
        if (!Directory.Exists(_tasks))
        {
            return;
        }
        try
        {
            foreach (var task in Directory.EnumerateDirectories(_tasks))
            {
                if (ProcStat.Read(Path.Combine(task, "stat")) is { Name: Name } stat)
                {
                    lock (_ticks)
                    {
                        _ticks[task] = stat.Ticks;
                    }
                }
            }
        }
        catch (IOException)
        {
            // the process ended while it was read
        }
    }

    public void Dispose() => _timer.Dispose();
}
