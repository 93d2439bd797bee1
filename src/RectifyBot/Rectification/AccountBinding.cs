using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;
using RectifyBot.Store;

namespace RectifyBot.Rectification;

/// <summary>
/// Binding a chat account to a person proves who they are: a person signed in on the web page is given a one-time
/// code (绑定码) and types it in WeCom or Teams ("绑定 123456"). The code lives <see cref="Lifetime"/>, is used
/// once, replaces any earlier code of the same person, and only a salted hash of it is stored. Wrong codes are
/// limited per chat account and in all, so six digits cannot be guessed in a code's lifetime. (The other way to
/// bind is the office's: the roster's teamsId / wecomId columns.)
/// </summary>
public sealed class AccountBinding(IDbContextFactory<RectifyDbContext> factory, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Wrong codes one chat account may send within <see cref="FailureWindow"/>.</summary>
    public const int FailuresPerAccount = 5;

    /// <summary>Wrong codes from every account together within <see cref="FailureWindow"/>: many accounts cannot share out the guessing.</summary>
    public const int FailuresInAll = 50;

    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);

    public sealed record Issued(string Code, DateTime ExpiresAt);

    /// <summary>The outcome of "绑定 123456": the person bound (null when refused) and a sentence for the user.</summary>
    public sealed record Redeemed(Staff? Person, string Message);

    // Counts kept in this process: a server restart forgives earlier failures, which a code's ten-minute life makes harmless.
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTime>> _failures = new();
    private readonly ConcurrentQueue<DateTime> _allFailures = new();

    public async Task<Issued> IssueAsync(int staffId, CancellationToken ct)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        // Expired codes are of no use to anyone; a person's earlier unused code stops working when a new one is shown.
        using (await SqliteWriteGate.EnterAsync(db, ct))
        {
            await db.BindCodes.Where(c => c.ExpiresAt < now.AddDays(-1)).ExecuteDeleteAsync(ct);
        }
        var active = await db.BindCodes.Where(c => c.UsedAt == null && c.ExpiresAt > now).ToListAsync(ct);
        foreach (var earlier in active.Where(c => c.StaffId == staffId))
        {
            earlier.ExpiresAt = now;
        }
        string code;
        do
        {
            code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        }
        while (active.Any(c => c.StaffId != staffId && Matches(c, code)));
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var row = new BindCode { StaffId = staffId, Salt = salt, Hash = Hash(salt, code), CreatedAt = now, ExpiresAt = now + Lifetime };
        db.BindCodes.Add(row);
        await db.SaveChangesAsync(ct);
        return new Issued(code, row.ExpiresAt);
    }

    /// <summary>Binds the chat account to the person whose live code this is.</summary>
    public async Task<Redeemed> RedeemAsync(string channel, string userId, string code, CancellationToken ct)
    {
        var now = Now;
        var account = $"{channel}:{userId}";
        if (Recent(_failures.GetOrAdd(account, _ => new()), now) >= FailuresPerAccount || Recent(_allFailures, now) >= FailuresInAll)
        {
            return new(null, $"绑定码输错次数过多，请{FailureWindow.TotalMinutes:0}分钟后再试。");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var active = await db.BindCodes.Where(c => c.UsedAt == null && c.ExpiresAt > now).ToListAsync(ct);
        if (active.FirstOrDefault(c => Matches(c, code)) is not { } match)
        {
            _failures[account].Enqueue(now);
            _allFailures.Enqueue(now);
            return new(null, "绑定码不正确或已过期。请在网页版重新获取绑定码（10分钟内有效，只能用一次）。");
        }
        if (channel is not (Conversation.ChannelName.WeCom or Conversation.ChannelName.Teams))
        {
            return new(null, "绑定码只用于企业微信和 Teams。");
        }
        // Used once even when two messages carry it at the same moment: only one of them marks it.
        int marked;
        using (await SqliteWriteGate.EnterAsync(db, ct))
        {
            marked = await db.BindCodes.Where(c => c.Id == match.Id && c.UsedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAt, now).SetProperty(c => c.UsedBy, account), ct);
        }
        if (marked == 0)
        {
            return new(null, "这个绑定码已经用过了。请在网页版重新获取。");
        }
        var person = await db.Staff.Include(s => s.Unit).SingleAsync(s => s.Id == match.StaffId, ct);
        db.BeginOperation("绑定账号", person.Id, channel);
        if (channel == Conversation.ChannelName.WeCom)
        {
            person.WeComId = userId;
        }
        else
        {
            person.TeamsId = userId;
        }
        await db.SaveChangesAsync(ct);
        return new(person, $"绑定成功。您好，{person.Name}（{person.Unit?.Name ?? "未设单位"}），以后在这里直接对我说话即可。回复“帮助”看看我能做什么。");
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static int Recent(ConcurrentQueue<DateTime> failures, DateTime now)
    {
        while (failures.TryPeek(out var oldest) && oldest < now - FailureWindow)
        {
            failures.TryDequeue(out _);
        }
        return failures.Count;
    }

    private static bool Matches(BindCode row, string code) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row.Hash), Encoding.ASCII.GetBytes(Hash(row.Salt, code)));

    private static string Hash(string salt, string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + code)));
}
