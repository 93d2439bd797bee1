using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace RectifyBot.Host.Channels.Web;

/// <summary>
/// The sign-in cookie's ticket, decrypted once per cookie and kept: decrypting and deserializing it (Data Protection's
/// AES and HMAC, then the claims) was most of an authenticated request's CPU, paid again on every request with the same
/// cookie. What a request gets is a copy, so nothing it does to its principal reaches the next request. The cookie
/// handler still checks the ticket's expiry on every request, and <see cref="Sessions"/> its security stamp against
/// the roster, so a cookie that is signed out, revoked or expired is refused as before. Kept tickets are forgotten when
/// <see cref="Capacity"/> is reached (all at once: cheap, and a burst of new cookies cannot grow memory); a key
/// revoked in the key ring applies to a kept cookie only after a restart, which this deployment never does by hand.
/// </summary>
internal sealed class KeptTickets(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
{
    internal const int Capacity = 4_096;

    private readonly ConcurrentDictionary<string, AuthenticationTicket> _kept = new(StringComparer.Ordinal);

    internal int Count => _kept.Count;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        // Only the cookie handler's own calls (no purpose) are kept; anything else is rare and goes straight through.
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }
        if (_kept.TryGetValue(protectedText, out var kept))
        {
            return kept.Clone();
        }
        var ticket = inner.Unprotect(protectedText);
        if (ticket is null)
        {
            // A forged or stale cookie is not kept: it cannot fill the cache with garbage.
            return null;
        }
        if (_kept.Count >= Capacity)
        {
            _kept.Clear();
        }
        _kept[protectedText] = ticket.Clone();
        return ticket;
    }

    /// <summary>Wraps the cookie scheme's ticket format once the framework has made it (its own PostConfigure runs first).</summary>
    internal sealed class Wrap : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name == CookieAuthenticationDefaults.AuthenticationScheme && options.TicketDataFormat is not KeptTickets)
            {
                options.TicketDataFormat = new KeptTickets(options.TicketDataFormat);
            }
        }
    }
}
