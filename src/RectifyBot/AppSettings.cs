namespace RectifyBot;

/// <summary>Where the operator's appsettings.json is, for the server and the command line alike.</summary>
public static class AppSettings
{
    public const string FileName = "appsettings.json";

    /// <summary>
    /// The working folder or the nearest folder above it that has appsettings.json (`dotnet run --project` starts
    /// the program in the project's folder, below the repository root that holds the file), else the program's
    /// own folder, where a copy is published beside the binaries.
    /// </summary>
    public static string Folder()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, FileName)))
            {
                return dir.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }
}
