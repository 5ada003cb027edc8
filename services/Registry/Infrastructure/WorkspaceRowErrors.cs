using Microsoft.EntityFrameworkCore;
using Mlops.Persistence;
using Mlops.Registry.Application;

namespace Mlops.Registry.Infrastructure;

/// <summary>What a failed insert of a row named within a workspace (a model, a dataset) means to the caller.</summary>
internal static class WorkspaceRowErrors
{
    /// <summary>ALREADY_EXISTS for a taken name, NOT_FOUND for a missing workspace; null for any other failure, which stays as it is.</summary>
    public static RegistryException? Of(DbUpdateException exception, string workspace, string foreignKeyToWorkspace, string alreadyExists) =>
        PostgresErrors.IsUniqueViolation(exception) ? RegistryException.AlreadyExists(alreadyExists)
        : PostgresErrors.IsForeignKeyViolation(exception, foreignKeyToWorkspace)
            ? RegistryException.NotFound($"Workspace '{workspace}' does not exist; create it first (Workspaces.CreateWorkspace).")
            : null;
}
