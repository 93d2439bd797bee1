using System.Diagnostics.CodeAnalysis;

namespace RectifyBot.Host.Channels.WeCom;

public enum WeComErrorKind
{
    /// <summary>WeCom answered with a non-zero errcode (全局错误码, …/path/90313).</summary>
    Api,
    /// <summary>No answer, or an HTTP status other than 2xx.</summary>
    Http,
    /// <summary>An answer that is not what the API documents.</summary>
    InvalidResponse,
    /// <summary>The settings this call needs are missing.</summary>
    NotConfigured,
}

/// <param name="ErrCode">WeCom's errcode for <see cref="WeComErrorKind.Api"/>, the HTTP status for Http, else 0.</param>
public sealed record WeComError(WeComErrorKind Kind, int ErrCode, string Message);

/// <summary>The outcome of one WeCom API call: a value, or the error; expected failures are not exceptions.</summary>
public sealed record WeComResult<T>(T? Value, WeComError? Error)
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static WeComResult<T> Ok(T value) => new(value, null);

    public static WeComResult<T> Fail(WeComError error) => new(default, error);
}

/// <summary>What message/send answers: the msgid (for recall), the card's response_code, and recipients WeCom refused.</summary>
public sealed record WeComSent(string? MsgId, string? ResponseCode, string? InvalidUser);

/// <summary>A file or image downloaded with media/get.</summary>
public sealed record WeComMedia(byte[] Content, string ContentType, string? FileName);

/// <summary>A button_interaction template card (模板卡片, 按钮交互型).</summary>
/// <param name="TaskId">Unique per app, [0-9A-Za-z_\-@], ≤ 128 bytes; comes back in the click event.</param>
public sealed record WeComButtonCard(string TaskId, string Title, string? Description, IReadOnlyList<WeComCardButton> Buttons);

/// <param name="Key">Comes back as the click event's EventKey (≤ 1024 bytes).</param>
/// <param name="Style">1–4, WeCom's button colours.</param>
public sealed record WeComCardButton(string Text, string Key, int Style = 1);
