using System.Globalization;

namespace Mlops.EventContracts;

/// <summary>The resource paths events name as their subject, built one way by every publisher.</summary>
public static class EventSubjects
{
    public static string Workspace(string workspace) => $"workspaces/{workspace}";

    public static string Model(string workspace, string modelName) => $"workspaces/{workspace}/models/{modelName}";

    public static string ModelVersion(string workspace, string modelName, int versionNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"workspaces/{workspace}/models/{modelName}/versions/{versionNumber}");

    public static string ModelAlias(string workspace, string modelName, string alias) => $"workspaces/{workspace}/models/{modelName}/aliases/{alias}";

    public static string ApprovalPolicy(string workspace, string modelName) => $"workspaces/{workspace}/models/{modelName}/approval-policy";

    public static string Dataset(string workspace, string datasetName) => $"workspaces/{workspace}/datasets/{datasetName}";

    public static string DatasetVersion(string workspace, string datasetName, int versionNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"workspaces/{workspace}/datasets/{datasetName}/versions/{versionNumber}");

    public static string Endpoint(string endpoint) => $"endpoints/{endpoint}";

    public static string Deployment(string endpoint, string deployment) => $"endpoints/{endpoint}/deployments/{deployment}";

    public static string Traffic(string endpoint) => $"endpoints/{endpoint}/traffic";

    public static string Promotion(Guid id) => $"promotions/{id}";
}
