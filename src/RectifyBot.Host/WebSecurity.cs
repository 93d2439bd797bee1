using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace RectifyBot.Host;

/// <summary>
/// The reverse proxy in front of the server (section "ForwardedHeaders"), e.g. nginx terminating TLS. Only a
/// proxy named here is believed about the client's address and the scheme: anyone else could send the headers.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. 127.0.0.1 for nginx on the same host.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, e.g. 10.0.0.0/24.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Configured => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var bad = options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Concat(options.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _))).ToList();
        return bad.Count == 0 ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"ForwardedHeaders: not an address or CIDR network: {string.Join(", ", bad)}. Example: KnownProxies [\"127.0.0.1\"], KnownNetworks [\"10.0.0.0/24\"].");
    }
}

/// <summary>What every response carries, and how requests through a proxy are read.</summary>
public static class WebSecurity
{
    /// <summary>
    /// The page's own files only: no inline script or style, nothing loaded from elsewhere, never inside another
    /// site's frame. The dashboard draws SVG with presentation attributes, which CSP does not treat as style.
    /// </summary>
    internal const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddWebSecurity(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        return services;
    }

    /// <summary>
    /// First in the pipeline: the client's address and scheme from the configured proxy's X-Forwarded-For and
    /// X-Forwarded-Proto (so the cookie is Secure behind TLS and sign-in throttling sees the real client), and the
    /// security headers on every response, errors included.
    /// </summary>
    public static WebApplication UseWebSecurity(this WebApplication app)
    {
        var proxy = app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value;
        if (proxy.Configured)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            // The defaults trust loopback; only what the operator named is trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var address in proxy.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(address));
            }
            foreach (var network in proxy.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
            app.UseForwardedHeaders(forwarded);
        }
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        return app;
    }
}
