using Microsoft.EntityFrameworkCore;
using Mlops.Registry.Application;
using Npgsql;

namespace Mlops.Registry.Infrastructure;

/// <summary>Which PostgreSQL constraint a failed save broke, and what that means to the caller.</summary>
internal static class PostgresErrors
{
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public static bool IsForeignKeyViolation(DbUpdateException exception, string constraint) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } postgres
        && postgres.ConstraintName == constraint;

    /// <summary>
    /// The error a failed insert of a row named within a workspace (a model, a dataset) means: ALREADY_EXISTS for a
    /// taken name, NOT_FOUND for a missing workspace; null for any other failure, which stays as it is.
    /// </summary>
    public static RegistryException? OfNewRowInWorkspace(DbUpdateException exception, string workspace, string foreignKeyToWorkspace, string alreadyExists) =>
        IsUniqueViolation(exception) ? RegistryException.AlreadyExists(alreadyExists)
        : IsForeignKeyViolation(exception, foreignKeyToWorkspace)
            ? RegistryException.NotFound($"Workspace '{workspace}' does not exist; create it first (Workspaces.CreateWorkspace).")
            : null;
}
