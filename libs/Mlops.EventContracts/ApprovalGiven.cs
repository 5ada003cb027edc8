namespace Mlops.EventContracts;

/// <summary>One approval that counted towards a version's approval: who, why and when.</summary>
public sealed record ApprovalGiven(string Approver, string Comment, DateTimeOffset ApprovedAt);
