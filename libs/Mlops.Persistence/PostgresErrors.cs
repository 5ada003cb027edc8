using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mlops.Persistence;

/// <summary>Which PostgreSQL constraint a failed save broke.</summary>
public static class PostgresErrors
{
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public static bool IsForeignKeyViolation(DbUpdateException exception, string constraint) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } postgres
        && postgres.ConstraintName == constraint;
}
