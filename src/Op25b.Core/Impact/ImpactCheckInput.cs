namespace Op25b.Core.Impact;

/// <summary>
/// The answers to the impact-determination questions (影響判定) of the domain primer.
/// <paramref name="LineInScope"/>: the line is a dynamic / residential product behind the block
/// (the API derives it from the product). <paramref name="Roaming"/>: a customer of this ISP's mail
/// service sending from another ISP's line, which blocks port 25 itself. <paramref name="SmtpPort"/>
/// is needed only where the answer depends on it.
/// </summary>
public sealed record ImpactCheckInput(bool LineInScope, bool WebmailOnly, MailServerKind? SmtpServer, int? SmtpPort, bool Roaming);
