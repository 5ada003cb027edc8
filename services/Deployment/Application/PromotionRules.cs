using System.Globalization;

namespace Mlops.Deployment.Application;

/// <summary>What the promotion API accepts (each refusal names the field at fault), and who may decide at a gate.</summary>
public static class PromotionRules
{
    public const int MaxApprovers = 100;
    public const int MaxCommentLength = 4000;
    public const int MaxModelNameLength = 256;
    public const int MaxGateTimeoutSeconds = 604_800;
    public const int DefaultLoadTestRequests = 50;
    public const int MaxLoadTestRequests = 10_000;
    public const int DefaultLoadTestConcurrency = 4;
    public const int MaxLoadTestConcurrency = 64;
    public const string Anonymous = "anonymous";

    public static string Workspace(string? workspace) => string.IsNullOrEmpty(workspace) ? DeploymentRules.DefaultWorkspace : workspace;

    public static string ModelName(string field, string? modelName) =>
        modelName is { Length: > 0 and <= MaxModelNameLength } && !modelName.Any(char.IsControl)
            ? modelName
            : throw DeploymentException.Invalid($"{field} '{modelName}' is invalid: 1 to {MaxModelNameLength} characters, no control characters.");

    public static int Version(int version) =>
        version >= 1 ? version : throw DeploymentException.Invalid(Invariant($"version is {version}: versions are numbered from 1."));

    public static IReadOnlyList<string> Approvers(IReadOnlyList<string> approvers)
    {
        ArgumentNullException.ThrowIfNull(approvers);
        if (approvers.Count is 0 or > MaxApprovers)
        {
            throw DeploymentException.Invalid(Invariant($"route.approvers names {approvers.Count} principals: a gate needs 1 to {MaxApprovers}."));
        }

        return approvers.Select((principal, i) => Principal(Invariant($"route.approvers[{i}]"), principal)).Distinct(StringComparer.Ordinal).ToList();
    }

    public static int GateTimeout(int seconds) =>
        seconds is >= 1 and <= MaxGateTimeoutSeconds
            ? seconds
            : throw DeploymentException.Invalid(Invariant($"route.gate_timeout_seconds is {seconds}: it must be 1 to {MaxGateTimeoutSeconds}."));

    public static PromotionChecks Checks(bool inputExample, bool signature, bool loadTest, int requests, int concurrency)
    {
        var validRequests = requests switch
        {
            0 => DefaultLoadTestRequests,
            < 0 or > MaxLoadTestRequests => throw DeploymentException.Invalid(
                Invariant($"route.checks.load_test_requests is {requests}: it must be 1 to {MaxLoadTestRequests}, or 0 for {DefaultLoadTestRequests}.")),
            _ => requests,
        };
        var validConcurrency = concurrency switch
        {
            0 => DefaultLoadTestConcurrency,
            < 0 or > MaxLoadTestConcurrency => throw DeploymentException.Invalid(
                Invariant($"route.checks.load_test_concurrency is {concurrency}: it must be 1 to {MaxLoadTestConcurrency}, or 0 for {DefaultLoadTestConcurrency}.")),
            _ => concurrency,
        };
        return new PromotionChecks(inputExample, signature, loadTest, validRequests, validConcurrency);
    }

    public static string Comment(string field, string? comment) =>
        string.IsNullOrWhiteSpace(comment)
            ? throw DeploymentException.Invalid($"{field} is required: say why, in 1 to {MaxCommentLength} characters.")
            : OptionalComment(field, comment);

    public static string OptionalComment(string field, string? comment) =>
        (comment ?? "").Length <= MaxCommentLength
            ? comment ?? ""
            : throw DeploymentException.Invalid(Invariant($"{field} is too long: at most {MaxCommentLength} characters, not {comment!.Length}."));

    public static Guid Id(string? id) =>
        Guid.TryParse(id, out var parsed)
            ? parsed
            : throw DeploymentException.Invalid($"id '{id}' is invalid: pass the id of a promotion (a UUID).");

    public static bool Matches(string principal, ICallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Mlops.Identity.Principal.Matches(principal, caller.UserName, caller.Groups);
    }

    /// <summary>Separation of duties, as the registry's approvals: an accountable approver named by the route, never the requester.</summary>
    public static void CheckMayDecide(PromotionInfo promotion, ICallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        ArgumentNullException.ThrowIfNull(caller);
        if (string.Equals(caller.UserName, Anonymous, StringComparison.Ordinal))
        {
            throw DeploymentException.PermissionDenied("An unidentified caller may not decide a promotion: a decision needs an accountable approver.");
        }

        if (string.Equals(caller.UserName, promotion.RequestedBy, StringComparison.Ordinal))
        {
            throw DeploymentException.PermissionDenied(
                $"'{caller.UserName}' requested promotion {promotion.Id} and so may not decide it: another approver must.");
        }

        if (!promotion.Route.Approvers.Any(principal => Matches(principal, caller)))
        {
            throw DeploymentException.PermissionDenied(
                $"'{caller.UserName}' is not an approver of promotion {promotion.Id}: the route names {string.Join(", ", promotion.Route.Approvers)}.");
        }
    }

    private static string Principal(string field, string? principal) =>
        Mlops.Identity.Principal.IsValid(principal) ? principal! : throw DeploymentException.Invalid(Mlops.Identity.Principal.InvalidMessage(field, principal));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
