using Microsoft.Extensions.Options;

namespace RectifyBot.Store;

/// <summary>"Today" in the organisation's time zone: deadlines are local dates, the server may run in UTC.</summary>
public sealed class OrganisationClock(TimeProvider time, IOptions<OrganisationOptions> options)
{
    private readonly TimeZoneInfo _zone = FindZone(options.Value.TimeZone);

    public TimeProvider Time { get; } = time;

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public DateTimeOffset Now => Local(Time.GetUtcNow());

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, _zone));

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException) when (id == "Asia/Shanghai")
        {
            // A machine without tzdata: China has kept UTC+8 without daylight saving since 1991.
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), id, id);
        }
    }
}
