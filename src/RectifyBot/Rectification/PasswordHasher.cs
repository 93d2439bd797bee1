using System.Security.Cryptography;

namespace RectifyBot.Rectification;

/// <summary>
/// Local web passwords: PBKDF2-SHA256 with a per-password salt, stored as "pbkdf2$iterations$salt$hash". The
/// iterations are OWASP's 2023 figure for PBKDF2-SHA256; a hash stored with fewer is redone at the next sign-in.
/// </summary>
public static class PasswordHasher
{
    public const int Iterations = 600_000;

    public const int MinLength = 8;

    /// <summary>Whether <paramref name="stored"/> was made with fewer iterations than today's.</summary>
    public static bool NeedsRehash(string stored) =>
        stored.Split('$') is not ["pbkdf2", var iterations, _, _] || !int.TryParse(iterations, out var n) || n < Iterations;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string? stored)
    {
        var parts = stored?.Split('$');
        if (parts is not ["pbkdf2", var iterations, var salt, var hash] || !int.TryParse(iterations, out var n))
        {
            return false;
        }
        var expected = Convert.FromBase64String(hash);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(salt), n, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
