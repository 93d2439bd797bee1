using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using RectifyBot.Store;

namespace RectifyBot.Host.Channels.Web;

/// <summary>How the keys that sign the web page's cookies are kept (section "DataProtection").</summary>
public sealed class SignInKeyOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PFX file whose certificate encrypts the keys at rest; empty: keys are kept unencrypted in a 0700 folder.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public bool Encrypted => !string.IsNullOrWhiteSpace(CertificatePath);
}

/// <summary>
/// Sign-in cookies stay valid across restarts because the keys that protect them live in the data folder's keys/.
/// On Linux ASP.NET Core has nothing like Windows DPAPI to encrypt them with, and warns that they are stored
/// unencrypted. We decide it explicitly instead: with DataProtection:CertificatePath the keys are encrypted with
/// that certificate; without it they are kept as they are in a folder only the service account may read (0700),
/// which is the same protection as the store and the evidence beside them, and the explicit null encryptor says
/// so in each key file instead of a warning at every start. docs/deploy.md explains the choice.
/// </summary>
public static class SignInKeys
{
    public const string Folder = "keys";

    public static IServiceCollection AddSignInKeys(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SignInKeyOptions.Section).Get<SignInKeyOptions>() ?? new();
        services.AddOptions<SignInKeyOptions>().Bind(configuration.GetSection(SignInKeyOptions.Section));
        var protection = services.AddDataProtection();
        if (options.Encrypted)
        {
            protection.ProtectKeysWithCertificate(LoadCertificate(options));
        }
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<DataOptions>, ILoggerFactory>((keys, data, logs) =>
        {
            var folder = Path.Combine(data.Value.Path, Folder);
            if (!OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), logs);
            if (!options.Encrypted)
            {
                keys.XmlEncryptor = new NullXmlEncryptor();
            }
        });
        return services;
    }

    private static X509Certificate2 LoadCertificate(SignInKeyOptions options)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"DataProtection:CertificatePath ({options.CertificatePath}) has no private key; the sign-in keys could not be read back. Use a PFX with its key.");
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath ({options.CertificatePath}) could not be read: {e.Message}. Check the file and DataProtection:CertificatePassword.", e);
        }
    }
}
