using System.Runtime.InteropServices;

namespace RectifyBot.Store;

/// <summary>
/// The store, its WAL, the evidence files and the sign-in keys are the office's records: only the account that
/// runs the server may read them. Files are created 0600 and folders 0700, and a data folder or SQLite store left
/// readable by an older version is closed at start.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Everything this process creates from now on is its user's alone (umask 077): SQLite creates the store, WAL
    /// and shared-memory files itself, and libraries create their own folders, so the mask is the one place that
    /// covers them all.
    /// </summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = umask(0x3F);
        }
    }

    /// <summary>Creates the data folder 0700, or closes an existing one, with the SQLite store files in it.</summary>
    public static void Secure(string dataPath, string? sqliteFile)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        Directory.CreateDirectory(dataPath, Folder);
        System.IO.File.SetUnixFileMode(dataPath, Folder);
        if (sqliteFile is { Length: > 0 } and not ":memory:")
        {
            foreach (var file in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" }.Where(System.IO.File.Exists))
            {
                System.IO.File.SetUnixFileMode(file, File);
            }
        }
    }

    // DllImport rather than LibraryImport: a blittable call needs no marshalling code, and so no unsafe code.
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint umask(uint mask);
}
