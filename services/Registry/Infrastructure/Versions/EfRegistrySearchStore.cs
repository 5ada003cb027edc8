using System.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Search;
using Mlops.Registry.Application.Versions;
using Mlops.Registry.Infrastructure.Search;
using Npgsql;
using NpgsqlTypes;

namespace Mlops.Registry.Infrastructure.Versions;

/// <summary>
/// Searches in two steps inside one snapshot: a keyset-paged SQL query finds the page's ids and sort values (all the
/// caller's values are parameters), then EF Core loads those rows. Versions are searched on their own table, which
/// carries the model's workspace and name for that purpose.
/// </summary>
internal sealed class EfRegistrySearchStore(RegistryDbContext dbContext) : IRegistrySearchStore
{
    public static SearchSqlMapping ModelMapping { get; } = new(
        new Dictionary<string, string>
        {
            ["name"] = "m.name",
            ["description"] = "m.description",
            ["created_by"] = "m.created_by",
            ["create_time"] = "m.create_time",
            ["update_time"] = "m.update_time",
            ["latest_version"] = "m.latest_version",
        },
        new Dictionary<string, string> { ["tags"] = "m.tags" });

    public static SearchSqlMapping VersionMapping { get; } = new(
        new Dictionary<string, string>
        {
            ["name"] = "v.model_name",
            ["version"] = "v.version",
            ["description"] = "v.description",
            ["created_by"] = "v.created_by",
            ["create_time"] = "v.create_time",
            ["update_time"] = "v.update_time",
            ["flavor"] = "v.flavor",
            ["framework"] = "v.framework",
            ["run_id"] = "v.source_run_id",
            ["status"] = "v.status",
            ["approval_status"] = "v.approval_status",
        },
        new Dictionary<string, string> { ["tags"] = "v.tags", ["metrics"] = "v.metrics", ["params"] = "v.params" });

    public async Task<IReadOnlyList<SearchHit<ModelInfo>>> SearchModelsAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await InSnapshotAsync(
            async () =>
            {
                var cursors = await CursorsAsync("models m", "m", query, RegistrySearchSchemas.Models, ModelMapping, cancellationToken).ConfigureAwait(false);
                var ids = cursors.ConvertAll(cursor => cursor.Id);
                var models = await dbContext.Models.AsNoTracking().Where(model => ids.Contains(model.Id))
                    .ToDictionaryAsync(model => model.Id, cancellationToken).ConfigureAwait(false);
                return cursors.ConvertAll(cursor => new SearchHit<ModelInfo>(models[cursor.Id].ToInfo(), cursor));
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SearchHit<ModelVersionInfo>>> SearchVersionsAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await InSnapshotAsync(
            async () =>
            {
                var cursors = await CursorsAsync("model_versions v", "v", query, RegistrySearchSchemas.ModelVersions, VersionMapping, cancellationToken).ConfigureAwait(false);
                var ids = cursors.ConvertAll(cursor => cursor.Id);
                var versions = await dbContext.ModelVersions.AsNoTracking().Where(version => ids.Contains(version.Id)).Select(VersionRow.Summary)
                    .ToDictionaryAsync(row => row.Version.Id, cancellationToken).ConfigureAwait(false);
                return cursors.ConvertAll(cursor => new SearchHit<ModelVersionInfo>(versions[cursor.Id].ToInfo(), cursor));
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static object ReadValue(NpgsqlDataReader reader, int ordinal, SearchValueType type) => type switch
    {
        SearchValueType.Text or SearchValueType.Enum => reader.GetString(ordinal),
        SearchValueType.Number => reader.GetDouble(ordinal),
        SearchValueType.Integer => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture),
        SearchValueType.Timestamp => reader.GetFieldValue<DateTimeOffset>(ordinal),
        SearchValueType.Boolean => reader.GetBoolean(ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static bool Nullable(SearchSchema schema, SearchField field) =>
        field.Key is not null || schema.Attributes.Single(attribute => attribute.Name == field.Name).Nullable;

    /// <summary>Both steps see the same state, so a row's sort values and its content agree.</summary>
    private async Task<T> InSnapshotAsync<T>(Func<Task<T>> search, CancellationToken cancellationToken)
    {
        await using var transaction = await dbContext.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        return await search().ConfigureAwait(false);
    }

    /// <summary>The ids and sort values of the page's rows, in order.</summary>
    private async Task<List<SearchCursor>> CursorsAsync(
        string from, string alias, SearchQuery query, SearchSchema schema, SearchSqlMapping mapping, CancellationToken cancellationToken)
    {
        var sql = SearchSqlTranslator.Translate(query.Filter, query.OrderBy, mapping);
        var parameters = new List<NpgsqlParameter>(sql.Parameters)
        {
            new("scope_workspace", NpgsqlDbType.Text) { Value = query.Workspace },
            new("take", NpgsqlDbType.Integer) { Value = query.Take },
        };
        var conditions = new List<string> { $"{alias}.workspace = @scope_workspace", sql.WhereSql };
        if (query.ModelId is { } modelId)
        {
            conditions.Add($"{alias}.model_id = @scope_model");
            parameters.Add(new NpgsqlParameter("scope_model", NpgsqlDbType.Uuid) { Value = modelId });
        }

        var terms = sql.OrderBy
            .Select((term, i) => new KeysetTerm(term.Expression, term.Descending, KeysetSql.DbType(query.OrderBy[i].Field.Type), Nullable(schema, query.OrderBy[i].Field)))
            .Append(new KeysetTerm($"{alias}.id", query.TieBreakerDescending, NpgsqlDbType.Uuid, Nullable: false))
            .ToList();
        if (query.After is { } after)
        {
            conditions.Add(KeysetSql.After(terms, [.. after.Values, after.Id], parameters));
        }

        var text = $"SELECT {string.Join(", ", terms.Select(term => term.Expression))} FROM {from} "
            + $"WHERE {string.Join(" AND ", conditions)} ORDER BY {string.Join(", ", terms.Select(term => term.Sql))} LIMIT @take";
        var connection = (NpgsqlConnection)dbContext.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(text, connection, (NpgsqlTransaction?)dbContext.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var cursors = new List<SearchCursor>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var values = new object?[query.OrderBy.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = await reader.IsDBNullAsync(i, cancellationToken).ConfigureAwait(false) ? null : ReadValue(reader, i, query.OrderBy[i].Field.Type);
            }

            cursors.Add(new SearchCursor(values, reader.GetGuid(query.OrderBy.Count)));
        }

        return cursors;
    }
}
