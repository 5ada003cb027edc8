using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;

namespace Mlops.Registry.Tests.SearchCalls;

/// <summary>
/// A workspace of three models and seven versions with ties and gaps in their tags and metrics, registered once for
/// every search test, and beside it a workspace with the same names that a search must never reach into.
/// </summary>
internal static class SearchDataset
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _workspace;

    /// <summary>(model, team tag, auc metric, flavor) in registration order; null means the version lacks it.</summary>
    public static IReadOnlyList<(string Model, string? Team, double? Auc, string? Flavor)> Versions { get; } =
    [
        ("fraud-a", "risk", 0.95, "xgboost"),
        ("fraud-a", "risk", 0.85, "xgboost"),
        ("fraud-a", "growth", 0.97, "onnx"),
        ("fraud-b", "risk", 0.92, null),
        ("fraud-b", "risk", null, null),
        ("churn", "risk", 0.99, "sklearn"),
        ("churn", null, 0.95, "sklearn"),
    ];

    public static async Task<string> WorkspaceAsync(RegistryClient client)
    {
        await Gate.WaitAsync();
        try
        {
            if (_workspace is null)
            {
                var workspace = ModelTests.UniqueName("search");
                var elsewhere = ModelTests.UniqueName("elsewhere");
                await RegisterAsync(client, workspace, "risk-team");
                await RegisterAsync(client, elsewhere, "other-team");
                _workspace = workspace;
            }

            return _workspace;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task RegisterAsync(RegistryClient client, string workspace, string owner)
    {
        foreach (var (name, team) in new[] { ("fraud-a", "risk"), ("fraud-b", "growth"), ("churn", "risk") })
        {
            await client.EnsureWorkspaceAsync(workspace);
            await client.CreateModelAsync(new CreateModelRequest { Workspace = workspace, Name = name, Tags = { ["team"] = team, ["owner"] = owner } });
        }

        foreach (var (model, team, auc, flavor) in Versions)
        {
            var header = new ModelVersionHeader { Workspace = workspace, ModelName = model, Flavor = flavor ?? "", Params = { ["owner"] = owner } };
            if (team is not null)
            {
                header.Tags["team"] = team;
            }

            if (auc is { } value)
            {
                header.Metrics["auc"] = value;
            }

            await client.UploadAsync(header);
        }
    }
}
