using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Store;

namespace RectifyBot.Rectification;

/// <summary>
/// Staff imported from a CSV roster: name,unit,roles,teamsId,wecomId,webLogin. This is how the office binds chat
/// accounts: teamsId is the Teams user's AAD object id, or their UPN (a name with @); wecomId is the WeCom userid.
/// </summary>
public sealed class StaffRoster(RectifyDbContext db, UnitDirectory units)
{
    public const string Header = "name,unit,roles,teamsId,wecomId,webLogin";

    public sealed record Result(int Added, int Updated, IReadOnlyList<string> UnitsCreated, IReadOnlyList<string> Errors)
    {
        /// <summary>What a contacts sync changed, person by person, in words for the office: who was added, whose account or unit was set.</summary>
        public IReadOnlyList<string> Changes { get; init; } = [];

        public string Summary => $"新增{Added}人，更新{Updated}人。" + (UnitsCreated.Count > 0 ? $"新建单位：{string.Join("、", UnitsCreated)}。" : "");
    }

    /// <summary>
    /// Adds or updates staff (matched by name and unit). Every line is checked first; when any line is wrong
    /// nothing is written and every error is listed with its line number.
    /// </summary>
    public async Task<Result> ImportCsvAsync(TextReader reader, int? actorId, CancellationToken ct)
    {
        var rows = new List<(int Line, string[] Cells)>();
        var errors = new List<string>();
        var lineNo = 0;
        string? header = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNo++;
            if (header is null)
            {
                header = line.TrimStart('\uFEFF').Trim();
                if (!string.Equals(header.Replace(" ", "", StringComparison.Ordinal), Header, StringComparison.OrdinalIgnoreCase))
                {
                    return new Result(0, 0, [], [$"第1行应为表头 {Header}，实际为：{header}"]);
                }
                continue;
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var cells = Csv.SplitLine(line);
            if (cells.Count != 6)
            {
                errors.Add($"第{lineNo}行应有6列，实际为{cells.Count}列。");
                continue;
            }
            if (string.IsNullOrWhiteSpace(cells[0]))
            {
                errors.Add($"第{lineNo}行缺少姓名。");
            }
            if (ParseRoles(cells[2]) is null)
            {
                errors.Add($"第{lineNo}行的角色“{cells[2]}”无法识别，可用 office、unit、leader，用分号分隔。");
            }
            rows.Add((lineNo, cells.Select(c => c.Trim()).ToArray()));
        }
        if (header is null)
        {
            return new Result(0, 0, [], ["文件是空的：第一行应为表头 " + Header]);
        }
        if (errors.Count > 0)
        {
            return new Result(0, 0, [], errors);
        }

        db.BeginOperation("导入人员", actorId, summarise: true);
        int added = 0, updated = 0;
        var created = new List<string>();
        foreach (var (_, c) in rows)
        {
            Unit? unit = null;
            if (c[1].Length > 0)
            {
                var known = await units.FindAsync(c[1], ct);
                if (known is null && !created.Contains(c[1]))
                {
                    created.Add(c[1]);
                }
                unit = await units.GetOrCreateAsync(known?.Name ?? c[1], [], ct);
            }
            var staff = await FindStaffAsync(c[0], unit, ct);
            if (staff is null)
            {
                staff = new Staff { Name = c[0] };
                db.Staff.Add(staff);
                added++;
            }
            else
            {
                updated++;
            }
            if (staff.IsDemo)
            {
                // A real roster line makes a demo person real, without the demo's well-known password.
                staff.IsDemo = false;
                staff.PasswordHash = null;
            }
            staff.Unit = unit;
            staff.Roles = ParseRoles(c[2])!.Value;
            staff.TeamsId = c[3].Contains('@') ? null : NullIfEmpty(c[3]);
            staff.TeamsUpn = c[3].Contains('@') ? c[3].ToLowerInvariant() : null;
            staff.WeComId = NullIfEmpty(c[4]);
            staff.WebLogin = NullIfEmpty(c[5]);
        }
        await db.SaveChangesAsync(ct);
        return new Result(added, updated, created, []);
    }

    /// <summary>
    /// Imports the corp's WeCom contacts: each department but the corp itself as a unit (one the store knows by name
    /// or alias is that unit), each member as staff with their WeCom userid, in their main department's unit. A member
    /// already on the roster (by userid, else by name and unit) keeps their roles and unit; a new one is unit staff.
    /// </summary>
    public async Task<Result> SyncWeComAsync(WeComDirectory directory, int? actorId, CancellationToken ct)
    {
        if (directory.Error is not null)
        {
            return new Result(0, 0, [], [directory.Error]);
        }
        db.BeginOperation("同步企业微信通讯录", actorId, summarise: true);
        var created = new List<string>();
        var unitOf = new Dictionary<int, Unit>();
        foreach (var department in directory.Departments.Where(d => d.ParentId != 0 && d.Name.Trim().Length > 0))
        {
            var name = department.Name.Trim();
            var known = await units.FindAsync(name, ct);
            if (known is null && !created.Contains(name))
            {
                created.Add(name);
            }
            unitOf[department.Id] = await units.GetOrCreateAsync(known?.Name ?? name, [], ct);
        }
        int added = 0, updated = 0;
        var changes = new List<string>();
        foreach (var member in directory.Members)
        {
            var unit = (member.MainDepartment is { } main && unitOf.TryGetValue(main, out var u) ? u : null)
                ?? member.Departments.Select(d => unitOf.GetValueOrDefault(d)).FirstOrDefault(d => d is not null);
            var staff = db.Staff.Local.FirstOrDefault(s => s.WeComId == member.UserId)
                ?? await db.Staff.FirstOrDefaultAsync(s => s.WeComId == member.UserId, ct)
                ?? await FindStaffAsync(member.Name, unit, ct);
            if (staff is null)
            {
                db.Staff.Add(new Staff { Name = member.Name, Unit = unit, Roles = StaffRoles.Unit, WeComId = member.UserId });
                changes.Add($"新增：{member.Name}（{unit?.Name ?? "未分单位"}），企业微信账号 {member.UserId}");
                added++;
                continue;
            }
            if (staff.WeComId != member.UserId)
            {
                changes.Add($"{staff.Name}：企业微信账号设为 {member.UserId}");
            }
            if (staff.Unit is null && unit is not null)
            {
                changes.Add($"{staff.Name}：单位设为{unit.Name}");
            }
            staff.WeComId = member.UserId;
            staff.Unit ??= unit;
            updated++;
        }
        await db.SaveChangesAsync(ct);
        return new Result(added, updated, created, []) { Changes = changes };
    }

    private async Task<Staff?> FindStaffAsync(string name, Unit? unit, CancellationToken ct)
    {
        var local = db.Staff.Local.FirstOrDefault(s => s.Name == name && s.Unit == unit);
        if (local is not null || unit is { Id: 0 })
        {
            return local;
        }
        var unitId = unit?.Id;
        return await db.Staff.FirstOrDefaultAsync(s => s.Name == name && s.UnitId == unitId, ct);
    }

    public static StaffRoles? ParseRoles(string text)
    {
        var roles = StaffRoles.None;
        foreach (var part in text.Split([';', '；', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            roles |= part.ToLowerInvariant() switch
            {
                "office" or "整改办" => StaffRoles.Office,
                "unit" or "科室" => StaffRoles.Unit,
                "leader" or "领导" => StaffRoles.Leader,
                _ => (StaffRoles)(-1),
            };
            if (roles < 0)
            {
                return null;
            }
        }
        return roles == StaffRoles.None ? StaffRoles.Unit : roles;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}

/// <summary>RFC 4180 fields of one line: commas, and quotes around fields that contain them.</summary>
internal static class Csv
{
    public static List<string> SplitLine(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
