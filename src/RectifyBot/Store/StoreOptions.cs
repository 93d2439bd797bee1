namespace RectifyBot.Store;

public enum StoreProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the store lives. SQLite in the data folder unless configured otherwise.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>For SQLite, empty means <c>rectifybot.db</c> in the data folder. For PostgreSQL, an Npgsql connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Reads the command line's --db value: a PostgreSQL connection string ("Host=…" or "postgres://…")
    /// or else a SQLite file path.
    /// </summary>
    public static StoreOptions FromDbArgument(string value)
    {
        var isPostgres = value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
                         value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
                         value.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        return isPostgres
            ? new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = value }
            : new StoreOptions { Provider = StoreProvider.Sqlite, ConnectionString = $"Data Source={Path.GetFullPath(value)}" };
    }
}

/// <summary>The one folder everything the product writes lives in: the SQLite store, evidence files, indexes.</summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>Relative paths are taken from the folder appsettings.json is in.</summary>
    public string Path { get; set; } = "data";
}

/// <summary>The organisation's own settings.</summary>
public sealed class OrganisationOptions
{
    public const string Section = "Organisation";

    /// <summary>Deadlines are days in the organisation's time zone, whatever the server's clock says.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}
