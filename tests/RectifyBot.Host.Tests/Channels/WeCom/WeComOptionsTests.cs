using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RectifyBot.Host.Channels.WeCom;

namespace RectifyBot.Host.Tests.Channels.WeCom;

public class WeComOptionsTests
{
    [Fact]
    public void No_wecom_settings_means_off_and_valid()
    {
        var options = Bind([]);

        Assert.False(options.Enabled);
        Assert.Equal(new Uri("https://qyapi.weixin.qq.com"), options.ApiBaseUrl);
        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void Complete_settings_switch_the_channel_on_with_robot_webhooks()
    {
        var options = Bind(WeComTestData.Settings());

        Assert.True(options.Enabled);
        Assert.Equal(WeComTestData.AgentId, options.AgentId);
        Assert.Equal("robot-key-7f3a", options.RobotWebhooks["社会事务科"]);
        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void The_timestamp_window_is_five_minutes_unless_set_and_may_not_outlast_the_inboxs_memory_of_msgids()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), Bind(WeComTestData.Settings()).TimestampWindow);
        var settings = WeComTestData.Settings();
        settings["WeCom:TimestampWindow"] = "00:10:00";
        Assert.Equal(TimeSpan.FromMinutes(10), Bind(settings).TimestampWindow);
        Assert.True(Validate(Bind(settings)).Succeeded);

        settings["WeCom:TimestampWindow"] = "2.00:00:00";
        var result = Validate(Bind(settings));
        Assert.True(result.Failed);
        Assert.Contains("WeCom:TimestampWindow", result.FailureMessage);
    }

    [Fact]
    public void Partial_settings_fail_naming_what_is_missing_in_chinese_and_english()
    {
        var settings = WeComTestData.Settings();
        settings.Remove("WeCom:Secret");
        settings.Remove("WeCom:Token");

        var result = Validate(Bind(settings));

        Assert.True(result.Failed);
        Assert.Contains("企业微信配置不完整，缺少：WeCom:Secret、WeCom:Token", result.FailureMessage);
        Assert.Contains("missing: WeCom:Secret, WeCom:Token", result.FailureMessage);
    }

    [Theory]
    [InlineData("WeCom:EncodingAesKey", "tooshort", "EncodingAesKey")]
    [InlineData("WeCom:ApiBaseUrl", "/relative", "ApiBaseUrl")]
    [InlineData("WeCom:RobotWebhooks:办公室", "", "RobotWebhooks:办公室")]
    public void Invalid_values_fail_with_the_setting_named(string key, string value, string named)
    {
        var settings = WeComTestData.Settings();
        settings[key] = value;

        var result = Validate(Bind(settings));

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage);
    }

    [Fact]
    public void A_host_with_partial_settings_fails_at_start()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["WeCom:CorpId"] = "ww1" }).Build());
        services.AddWeComChannel();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WeComOptions>>().Value);
        Assert.Contains("WeCom:AgentId", error.Message);
    }

    private static WeComOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new WeComOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(WeComOptions.Section).Bind(options);
        return options;
    }

    private static ValidateOptionsResult Validate(WeComOptions options) => new WeComOptionsValidator().Validate(null, options);
}
