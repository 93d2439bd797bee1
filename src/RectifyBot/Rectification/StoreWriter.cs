using Microsoft.EntityFrameworkCore;
using RectifyBot.Store;

namespace RectifyBot.Rectification;

/// <summary>
/// Runs one user action against the store with optimistic concurrency. When another person changed the same
/// measure in between, the action is run again from scratch on fresh data, so neither change is lost and the
/// workflow rules are checked against what is really there. After a few tries the user is asked to retry.
/// A refused action saves nothing, whatever it touched before deciding to refuse.
/// </summary>
public sealed class StoreWriter(IDbContextFactory<RectifyDbContext> factory)
{
    private const int Attempts = 4;

    public const string Busy = "这项措施正被其他人同时修改，请稍后再试一次。";

    public async Task<WriteResult> RunAsync(string operation, int? actorId, string? channel,
        Func<RectifyDbContext, CancellationToken, Task<WriteResult>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.BeginOperation(operation, actorId, channel);
            var result = await work(db, ct);
            if (!result.Ok)
            {
                return result;
            }
            try
            {
                await db.SaveChangesAsync(ct);
                return result;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Someone else saved first: start again with what they saved.
            }
            catch (DbUpdateConcurrencyException)
            {
                return WriteResult.Refused(Busy);
            }
        }
    }
}
