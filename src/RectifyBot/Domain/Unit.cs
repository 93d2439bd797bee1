namespace RectifyBot.Domain;

/// <summary>科室 / 直属单位: a section or subordinate body, known by several names.</summary>
public sealed class Unit
{
    public int Id { get; set; }

    /// <summary>The canonical name, e.g. 殡葬服务中心.</summary>
    public required string Name { get; set; }

    /// <summary>Other names it goes by: 县殡葬服务中心, 殡服中心.</summary>
    public List<UnitAlias> Aliases { get; set; } = [];

    /// <summary>Created by the demonstration inspection, and removed with it on the first real import.</summary>
    public bool IsDemo { get; set; }

    public IEnumerable<string> AllNames => Aliases.Select(a => a.Alias).Prepend(Name);
}

public sealed class UnitAlias
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string Alias { get; set; }
}

[Flags]
public enum StaffRoles
{
    None = 0,
    /// <summary>整改办: sees and manages everything, reviews close requests.</summary>
    Office = 1,
    /// <summary>Unit staff: claims and updates their unit's measures.</summary>
    Unit = 2,
    /// <summary>Leader (责任领导 / 党组书记): reads everything, signs off, approves extensions.</summary>
    Leader = 4,
}

/// <summary>A person who uses the bot, with the identities they use on each channel.</summary>
public sealed class Staff
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int? UnitId { get; set; }
    public Unit? Unit { get; set; }
    public StaffRoles Roles { get; set; }

    /// <summary>Teams: the user's AAD object id.</summary>
    public string? TeamsId { get; set; }

    /// <summary>Teams: the user's UPN (li.na@example.gov.cn), for an office that knows that rather than the object id.</summary>
    public string? TeamsUpn { get; set; }

    /// <summary>WeCom: the userid in the corp.</summary>
    public string? WeComId { get; set; }

    public string? WebLogin { get; set; }
    public string? PasswordHash { get; set; }

    /// <summary>
    /// Changes when the person signs out or changes their password: a sign-in cookie carries the stamp it was
    /// issued with and stops working once the stamp has moved on. Null for a person who never did either.
    /// </summary>
    public string? SecurityStamp { get; set; }

    /// <summary>One of the demonstration people (password demo), removed on the first real import.</summary>
    public bool IsDemo { get; set; }

    public bool Has(StaffRoles role) => (Roles & role) == role;
}

/// <summary>
/// 绑定码: a one-time code a signed-in web user is shown and types into WeCom or Teams ("绑定 123456") to bind that
/// chat account to themselves. Only a salted hash is kept; it is short-lived and used once.
/// </summary>
public sealed class BindCode
{
    public int Id { get; set; }
    public int StaffId { get; set; }
    public required string Salt { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }

    /// <summary>The account it bound, as channel:userid.</summary>
    public string? UsedBy { get; set; }
}
