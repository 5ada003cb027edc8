using System.Globalization;
using Mlops.Registry.Application.Aliases;

namespace Mlops.Registry.Application.Approvals;

/// <summary>The contract's rules for approval policies and decisions (mlops.registry.v1.ModelApprovals).</summary>
public static class ApprovalRules
{
    public const int DefaultRequiredApprovals = 1;
    public const int MaxRequiredApprovals = 10;
    public const int MaxApprovers = 100;
    public const int MaxProtectedAliases = 20;
    public const int MaxCommentLength = 4000;
    public const string DefaultProtectedAlias = "production";

    public static IReadOnlyList<string> DefaultProtectedAliases { get; } = [DefaultProtectedAlias];

    public static string Comment(string field, string? comment) =>
        string.IsNullOrWhiteSpace(comment)
            ? throw RegistryException.Invalid($"{field} is required: say why, in 1 to {MaxCommentLength} characters.")
            : comment.Length > MaxCommentLength
                ? throw RegistryException.Invalid($"{field} is too long: at most {MaxCommentLength} characters, not {comment.Length}.")
                : comment;

    public static int RequiredApprovals(string field, int requiredApprovals) => requiredApprovals switch
    {
        0 => DefaultRequiredApprovals,
        < 0 or > MaxRequiredApprovals => throw RegistryException.Invalid(
            string.Create(CultureInfo.InvariantCulture, $"{field} is {requiredApprovals}: it must be 1 to {MaxRequiredApprovals}, or 0 for {DefaultRequiredApprovals}.")),
        _ => requiredApprovals,
    };

    /// <summary>The principals, checked, each once, in the order given.</summary>
    public static IReadOnlyList<string> Approvers(string field, IReadOnlyList<string> approvers)
    {
        ArgumentNullException.ThrowIfNull(approvers);
        return approvers.Count > MaxApprovers
            ? throw RegistryException.Invalid($"{field} names {approvers.Count} principals: at most {MaxApprovers} are allowed.")
            : approvers.Select((principal, i) => Principals.Parse(Indexed(field, i), principal)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The alias names, checked, each once, in the order given.</summary>
    public static IReadOnlyList<string> ProtectedAliases(string field, IReadOnlyList<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        return aliases.Count > MaxProtectedAliases
            ? throw RegistryException.Invalid($"{field} names {aliases.Count} aliases: at most {MaxProtectedAliases} are allowed.")
            : aliases.Select((alias, i) => AliasRules.Name(Indexed(field, i), alias)).Distinct(StringComparer.Ordinal).ToList();
    }

    public static string Describe(ApprovalStatus status) => status switch
    {
        ApprovalStatus.PendingManualApproval => "PENDING_MANUAL_APPROVAL",
        ApprovalStatus.Approved => "APPROVED",
        _ => "REJECTED",
    };

    private static string Indexed(string field, int index) => string.Create(CultureInfo.InvariantCulture, $"{field}[{index}]");
}
