using System.Text.Json;

namespace Op25b.Core.Impact;

/// <summary>
/// Plain-words explanations in English and Japanese, keyed by stable code. A table in code
/// rather than .resx so that the API, the console and the tests read one source, and a missing
/// translation is caught by a unit test instead of showing a key at run time.
/// </summary>
public static class ImpactTexts
{
    public const string English = "en";
    public const string Japanese = "ja";

    public static readonly IReadOnlyList<string> Languages = [English, Japanese];

    /// <summary>The stable code of a reason or remedy: its kebab-case name, as the API also spells it.</summary>
    public static string Code(Enum value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>The text for a code in a language; unknown languages fall back to English.</summary>
    public static string For(Enum value, string language)
    {
        var (en, ja) = Table[Code(value)];
        return language.StartsWith(Japanese, StringComparison.OrdinalIgnoreCase) ? ja : en;
    }

    public static IReadOnlyDictionary<string, string> All(Enum value) => Languages.ToDictionary(l => l, l => For(value, l));

    private static readonly IReadOnlyDictionary<string, (string En, string Ja)> Table = new Dictionary<string, (string, string)>
    {
        ["line-not-in-scope"] = (
            "This line is not a dynamic / residential product, so outgoing port 25 is not blocked for it.",
            "この回線は動的IP（個人向け）サービスではないため、OP25B（送信ポート25番の制限）の対象外です。"),
        ["webmail-only"] = (
            "Webmail is used in the browser over HTTPS and never uses port 25, so it keeps working.",
            "Webメールはブラウザから HTTPS で利用し、ポート25番を使わないため、影響はありません。"),
        ["isp-server"] = (
            "Mail is sent through this ISP's own mail server, which stays reachable, so nothing changes.",
            "当社のメールサーバーから送信しているため、影響はありません。"),
        ["submission-port-to-other-provider"] = (
            "The mail client already sends to the other provider on a submission port (not 25), which is not blocked.",
            "他社のメールサーバーへポート25番以外（サブミッションポート）で送信しているため、影響はありません。"),
        ["port25-to-other-provider"] = (
            "The mail client sends to another provider's server on port 25, which is now blocked from this line.",
            "他社のメールサーバーへポート25番で送信しているため、この回線からは送信できなくなります。"),
        ["own-mta-direct-to-mx"] = (
            "A mail server on this line delivers straight to recipients' servers on port 25, which is blocked on this product.",
            "この回線上の自前のメールサーバーがポート25番で宛先サーバーへ直接配送しているため、送信できなくなります。"),
        ["roaming-on-submission-port"] = (
            "Away from home the mail client uses a submission port (587 or 465), which other ISPs do not block.",
            "外出先でもサブミッションポート（587番または465番）で送信しているため、影響はありません。"),
        ["roaming-on-port25"] = (
            "The network you are visiting blocks port 25 (most ISPs do), so sending on port 25 fails there.",
            "接続先のプロバイダーがポート25番を制限しているため、外出先ではポート25番で送信できません。"),
        ["switch-to587-smtp-auth"] = (
            "Change the outgoing (SMTP) port to 587 and turn on SMTP authentication with your mail account's user name and password.",
            "送信（SMTP）ポートを 587番 に変更し、SMTP認証（メールアカウントのユーザー名とパスワード）を有効にしてください。"),
        ["use465-implicit-tls"] = (
            "Or use port 465 with SSL/TLS and SMTP authentication, if your mail provider offers it.",
            "または、メール事業者が対応していれば、465番（SSL/TLS）と SMTP認証 をご利用ください。"),
        ["relay-via-isp"] = (
            "Send through this ISP's mail server (smart host) instead; it delivers to any destination for you.",
            "当社のメールサーバー（スマートホスト）を経由して送信してください。"),
        ["use-webmail"] = (
            "Until the settings are changed, you can send from the provider's webmail in a browser.",
            "設定を変更するまでの間は、ブラウザから Webメール で送信できます。"),
        ["apply-for-exemption"] = (
            "To keep running your own mail server, move to a static-IP / business product and apply for an exemption from port 25 blocking.",
            "自前のメールサーバーを運用し続ける場合は、固定IP（法人向け）サービスへ変更のうえ、OP25B の適用除外を申請してください。"),
    };
}
