namespace RectifyBot.Text;

/// <summary>
/// 二十四节气 computed from the Sun's apparent longitude (a multiple of 15°), in China Standard Time.
/// The longitude uses the main terms of VSOP87 as tabulated in Meeus, Astronomical Algorithms, ch. 25 and
/// appendix III, with nutation, aberration and ΔT, which is accurate to well under a minute for 1950–2100:
/// enough to get the calendar day right except for a term that falls within seconds of midnight.
/// </summary>
public static class SolarTerms
{
    /// <summary>The names in order of longitude from 春分 (0°).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "春分", "清明", "谷雨", "立夏", "小满", "芒种", "夏至", "小暑", "大暑", "立秋", "处暑", "白露",
        "秋分", "寒露", "霜降", "立冬", "小雪", "大雪", "冬至", "小寒", "大寒", "立春", "雨水", "惊蛰",
    ];

    /// <summary>The first date on or after <paramref name="from"/> on which the named term falls; null for an unknown name.</summary>
    public static DateOnly? OnOrAfter(string name, DateOnly from)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return null;
        }
        for (var year = from.Year; ; year++)
        {
            var date = InYear(index, year);
            if (date >= from)
            {
                return date;
            }
        }
    }

    /// <summary>The date in Gregorian <paramref name="year"/> of the term with the given index in <see cref="Names"/>.</summary>
    public static DateOnly InYear(int index, int year)
    {
        var longitude = index * 15.0;
        // 春分 is near 20 March; each term is about 15.2 days after the previous one. Terms after 冬至 in
        // longitude order (小寒 … 惊蛰) fall early in the same Gregorian year.
        var daysAfterEquinox = index * 15.2184 - (index >= 19 ? 365.2422 : 0);
        var jde = JulianDay(new DateOnly(year, 3, 20)) + daysAfterEquinox;
        for (var i = 0; i < 6; i++)
        {
            var diff = NormaliseDegrees(longitude - ApparentLongitude(jde));
            jde += diff * 365.2422 / 360.0;
        }
        var utc = jde - DeltaTSeconds(year) / 86400.0;
        var beijing = utc + 8.0 / 24.0;
        return DateOnly.FromDayNumber((int)Math.Floor(beijing + 0.5) - 1721426);
    }

    private static int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }
        return -1;
    }

    private static double JulianDay(DateOnly date) => date.DayNumber + 1721425.5;

    private static double NormaliseDegrees(double d)
    {
        d %= 360.0;
        return d > 180 ? d - 360 : d < -180 ? d + 360 : d;
    }

    /// <summary>Apparent geocentric longitude of the Sun in degrees at Julian Ephemeris Day <paramref name="jde"/>.</summary>
    private static double ApparentLongitude(double jde)
    {
        var tau = (jde - 2451545.0) / 365250.0;
        double earth = 0, power = 1;
        foreach (var series in EarthLongitude)
        {
            double sum = 0;
            for (var i = 0; i < series.Length; i += 3)
            {
                sum += series[i] * Math.Cos(series[i + 1] + (series[i + 2] * tau));
            }
            earth += sum * power;
            power *= tau;
        }
        var sun = (earth / 1e8 * 180.0 / Math.PI) + 180.0;
        var t = tau * 10;
        var omega = Radians(125.04452 - (1934.136261 * t));
        var sunMean = Radians(280.4665 + (36000.7698 * t));
        var moonMean = Radians(218.3165 + (481267.8813 * t));
        var nutationArcsec = (-17.20 * Math.Sin(omega)) - (1.32 * Math.Sin(2 * sunMean)) - (0.23 * Math.Sin(2 * moonMean)) + (0.21 * Math.Sin(2 * omega));
        const double fk5Arcsec = -0.09033, aberrationArcsec = -20.4898;
        return sun + ((nutationArcsec + fk5Arcsec + aberrationArcsec) / 3600.0);
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180.0;

    // ΔT = TT − UT in seconds: Espenak and Meeus's polynomial fits (NASA eclipse site) for the years we cover.
    private static double DeltaTSeconds(int year)
    {
        double y = year + 0.5;
        return y switch
        {
            < 1961 => 29.07 + (0.407 * (y - 1950)) - (Math.Pow(y - 1950, 2) / 233) + (Math.Pow(y - 1950, 3) / 2547),
            < 1986 => 45.45 + (1.067 * (y - 1975)) - (Math.Pow(y - 1975, 2) / 260) - (Math.Pow(y - 1975, 3) / 718),
            < 2005 => 63.86 + (0.3345 * (y - 2000)) - (0.060374 * Math.Pow(y - 2000, 2)) + (0.0017275 * Math.Pow(y - 2000, 3))
                + (0.000651814 * Math.Pow(y - 2000, 4)) + (0.00002373599 * Math.Pow(y - 2000, 5)),
            < 2050 => 62.92 + (0.32217 * (y - 2000)) + (0.005589 * Math.Pow(y - 2000, 2)),
            _ => -20 + (32 * Math.Pow((y - 1820) / 100, 2)) - (0.5628 * (2150 - y)),
        };
    }

    // VSOP87 Earth heliocentric longitude, series L0…L5 as (amplitude ×1e-8 rad, phase, frequency) triples.
    private static readonly double[][] EarthLongitude =
    [
        [
            175347046, 0, 0, 3341656, 4.6692568, 6283.0758500, 34894, 4.62610, 12566.15170, 3497, 2.7441, 5753.3849,
            3418, 2.8289, 3.5231, 3136, 3.6277, 77713.7715, 2676, 4.4181, 7860.4194, 2343, 6.1352, 3930.2097,
            1324, 0.7425, 11506.7698, 1273, 2.0371, 529.6910, 1199, 1.1096, 1577.3435, 990, 5.233, 5884.927,
            902, 2.045, 26.298, 857, 3.508, 398.149, 780, 1.179, 5223.694, 753, 2.533, 5507.553,
            505, 4.583, 18849.228, 492, 4.205, 775.523, 357, 2.920, 0.067, 317, 5.849, 11790.629,
            284, 1.899, 796.298, 271, 0.315, 10977.079, 243, 0.345, 5486.778, 206, 4.806, 2544.314,
            205, 1.869, 5573.143, 202, 2.458, 6069.777, 156, 0.833, 213.299, 132, 3.411, 2942.463,
            126, 1.083, 20.775, 115, 0.645, 0.980, 103, 0.636, 4694.003, 102, 0.976, 15720.839,
            102, 4.267, 7.114, 99, 6.21, 2146.17, 98, 0.68, 155.42, 86, 5.98, 161000.69,
            85, 1.30, 6275.96, 85, 3.67, 71430.70, 80, 1.81, 17260.15, 79, 3.04, 12036.46,
            75, 1.76, 5088.63, 74, 3.50, 3154.69, 74, 4.68, 801.82, 70, 0.83, 9437.76,
            62, 3.98, 8827.39, 61, 1.82, 7084.90, 57, 2.78, 6286.60, 56, 4.39, 14143.50,
            56, 3.47, 6279.55, 52, 0.19, 12139.55, 52, 1.33, 1748.02, 51, 0.28, 5856.48,
            49, 0.49, 1194.45, 41, 5.37, 8429.24, 41, 2.40, 19651.05, 39, 6.17, 10447.39,
            37, 6.04, 10213.29, 37, 2.57, 1059.38, 36, 1.71, 2352.87, 36, 1.78, 6812.77,
            33, 0.59, 17789.85, 30, 0.44, 83996.85, 30, 2.74, 1349.87, 25, 3.16, 4690.48,
        ],
        [
            628331966747, 0, 0, 206059, 2.678235, 6283.075850, 4303, 2.6351, 12566.1517, 425, 1.590, 3.523,
            119, 5.796, 26.298, 109, 2.966, 1577.344, 93, 2.59, 18849.23, 72, 1.14, 529.69,
            68, 1.87, 398.15, 67, 4.41, 5507.55, 59, 2.89, 5223.69, 56, 2.17, 155.42,
            45, 0.40, 796.30, 36, 0.47, 775.52, 29, 2.65, 7.11, 21, 5.34, 0.98,
            19, 1.85, 5486.78, 19, 4.97, 213.30, 17, 2.99, 6275.96, 16, 0.03, 2544.31,
            16, 1.43, 2146.17, 15, 1.21, 10977.08, 12, 2.83, 1748.02, 12, 3.26, 5088.63,
            12, 5.27, 1194.45, 12, 2.08, 4694.00, 11, 0.77, 553.57, 10, 1.30, 6286.60,
            10, 4.24, 1349.87, 9, 2.70, 242.73, 9, 5.64, 951.72, 8, 5.30, 2352.87,
            6, 2.65, 9437.76, 6, 4.67, 4690.48,
        ],
        [
            52919, 0, 0, 8720, 1.0721, 6283.0758, 309, 0.867, 12566.152, 27, 0.05, 3.52,
            16, 5.19, 26.30, 16, 3.68, 155.42, 10, 0.76, 18849.23, 9, 2.06, 77713.77,
            7, 0.83, 775.52, 5, 4.66, 1577.34, 4, 1.03, 7.11, 4, 3.44, 5573.14,
            3, 5.14, 796.30, 3, 6.05, 5507.55, 3, 1.19, 242.73, 3, 6.12, 529.69,
            3, 0.31, 398.15, 3, 2.28, 553.57, 2, 4.38, 5223.69, 2, 3.75, 0.98,
        ],
        [289, 5.844, 6283.076, 35, 0, 0, 17, 5.49, 12566.15, 3, 5.20, 155.42, 1, 4.72, 3.52, 1, 5.30, 18849.23, 1, 5.97, 242.73],
        [114, 3.142, 0, 8, 4.13, 6283.08, 1, 3.84, 12566.15],
        [1, 3.14, 0],
    ];
}
