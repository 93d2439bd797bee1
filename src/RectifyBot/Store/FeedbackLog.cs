using Microsoft.EntityFrameworkCore;
using RectifyBot.Domain;

namespace RectifyBot.Store;

/// <summary>Users' ratings of replies (<see cref="ReplyFeedback"/>); a second rating of the same reply by the same user replaces the first.</summary>
public static class FeedbackLog
{
    public static async Task RecordAsync(RectifyDbContext db, ReplyFeedback feedback, CancellationToken ct)
    {
        using var gate = await SqliteWriteGate.EnterAsync(db, ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ReplyFeedbacks" ("Channel", "ReplyId", "UserId", "Rating", "Comment", "At")
            VALUES ({feedback.Channel}, {feedback.ReplyId}, {feedback.UserId}, {feedback.Rating}, {feedback.Comment}, {feedback.At})
            ON CONFLICT ("Channel", "ReplyId", "UserId") DO UPDATE SET "Rating" = excluded."Rating", "Comment" = excluded."Comment", "At" = excluded."At"
            """, ct);
    }
}
