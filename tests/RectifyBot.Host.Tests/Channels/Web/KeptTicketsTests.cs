using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RectifyBot.Host.Channels.Web;

namespace RectifyBot.Host.Tests.Channels.Web;

/// <summary>The sign-in cookie decrypted once and kept: what is kept, what each request gets, and what is never kept.</summary>
public sealed class KeptTicketsTests
{
    [Fact]
    public void A_cookie_is_decrypted_once_and_each_request_gets_a_copy_of_its_own()
    {
        var decrypter = new CountingFormat();
        var kept = new KeptTickets(decrypter);

        var first = kept.Unprotect("cookie-a")!;
        // A request that changes its principal (an identity added by a handler, say) changes only its own copy.
        first.Principal.AddIdentity(new ClaimsIdentity([new Claim("added", "by this request")]));
        first.Properties.Items["seen"] = "yes";
        var second = kept.Unprotect("cookie-a")!;

        Assert.Equal(1, decrypter.Calls);
        Assert.NotSame(first, second);
        Assert.Null(second.Principal.FindFirst("added"));
        Assert.False(second.Properties.Items.ContainsKey("seen"));
        Assert.Equal("cookie-a", second.Principal.FindFirstValue(ClaimTypes.Name));
        // The expiry the cookie handler checks on every request travels with the copy.
        Assert.Equal(CountingFormat.Expires, second.Properties.ExpiresUtc);
    }

    [Fact]
    public void A_cookie_that_does_not_decrypt_is_not_kept_and_is_tried_again_each_time()
    {
        var decrypter = new CountingFormat();
        var kept = new KeptTickets(decrypter);

        Assert.Null(kept.Unprotect("forged"));
        Assert.Null(kept.Unprotect("forged"));

        Assert.Equal(2, decrypter.Calls);
        Assert.Equal(0, kept.Count);
    }

    [Fact]
    public void When_full_the_kept_tickets_are_forgotten_and_the_next_cookie_is_kept_again()
    {
        var decrypter = new CountingFormat();
        var kept = new KeptTickets(decrypter);
        for (var i = 0; i < KeptTickets.Capacity; i++)
        {
            kept.Unprotect($"cookie-{i}");
        }
        Assert.Equal(KeptTickets.Capacity, kept.Count);

        kept.Unprotect("one-more");
        kept.Unprotect("cookie-0");

        Assert.Equal(2, kept.Count);
        Assert.Equal(KeptTickets.Capacity + 2, decrypter.Calls);
    }

    [Fact]
    public async Task The_server_s_sign_in_cookie_goes_through_the_kept_tickets()
    {
        await using var server = new WebServer();
        await server.InitializeAsync();
        var cookie = server.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        var kept = Assert.IsType<KeptTickets>(cookie.TicketDataFormat);
        using var lina = await server.SignedInAsync("lina");
        var before = kept.Count;

        for (var i = 0; i < 3; i++)
        {
            (await lina.GetAsync("/api/me")).EnsureSuccessStatusCode();
        }

        Assert.Equal(before + 1, kept.Count);
    }

    /// <summary>Stands in for Data Protection: "forged" does not decrypt; anything else is a ticket named after the cookie.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public static readonly DateTimeOffset Expires = new(2026, 12, 3, 20, 0, 0, TimeSpan.Zero);

        public int Calls { get; private set; }

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Calls++;
            return protectedText == "forged" ? null : new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, protectedText!)], "test")),
                new AuthenticationProperties { ExpiresUtc = Expires },
                CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
