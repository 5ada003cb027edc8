using Mlops.Inference.Runtimes.Json;

namespace Mlops.Inference.Runtimes.XGBoost;

/// <summary>
/// Reads the JSON that XGBoost 1.x's <c>Booster.save_model("model.json")</c> writes, refusing whatever would
/// not predict as XGBoost does: other boosters and objectives, categorical splits, vector leaves.
/// </summary>
internal static class XGBoostJsonReader
{
    public const string SupportedObjectives = "binary:logistic, reg:squarederror, multi:softprob";

    public static XGBoostModel Read(JsonField root)
    {
        var version = root.Required("version");
        var major = version.GetInt32Array() is [var first, ..] ? first : throw version.Error("must name at least the major version.");
        if (major != 1)
        {
            throw version.Error($"XGBoost {string.Join('.', version.GetInt32Array())} models are not supported; only models saved by XGBoost 1.x (tested with 1.7) are.");
        }

        var learner = root.Required("learner");
        var parameters = learner.Required("learner_model_param");
        var featureCount = parameters.Required("num_feature").GetIntegerParameter();
        if (featureCount < 1)
        {
            throw parameters.Required("num_feature").Error("must be at least 1.");
        }

        if (parameters.TryGet("num_target", out var targets) && targets.GetIntegerParameter() != 1)
        {
            throw targets.Error("models with several targets are not supported.");
        }

        var classes = parameters.Required("num_class");
        var classCount = classes.GetIntegerParameter();
        var baseScoreField = parameters.Required("base_score");
        var baseScore = baseScoreField.GetFloatParameter();

        var objectiveName = learner.Required("objective").Required("name");
        var (objective, groupCount, baseMargin) = objectiveName.GetString() switch
        {
            "reg:squarederror" when classCount is 0 or 1 => (XGBoostObjective.SquaredError, 1, baseScore),
            "binary:logistic" when classCount is 0 or 1 => (XGBoostObjective.BinaryLogistic, 1, LogisticMargin(baseScoreField, baseScore)),
            "multi:softprob" when classCount >= 2 => (XGBoostObjective.MultiSoftprob, classCount, baseScore),
            "reg:squarederror" or "binary:logistic" => throw classes.Error($"is {classCount}; objective {objectiveName.GetString()} needs 0 or 1."),
            "multi:softprob" => throw classes.Error($"is {classCount}; multi:softprob needs at least 2 classes."),
            var other => throw objectiveName.Error($"objective '{other}' is not supported; supported: {SupportedObjectives}."),
        };

        var booster = learner.Required("gradient_booster");
        var boosterName = booster.Required("name").GetString();
        if (boosterName != "gbtree")
        {
            throw booster.Required("name").Error($"booster '{boosterName}' is not supported; only gbtree is.");
        }

        var model = booster.Required("model");
        var treeCount = model.Required("gbtree_model_param").Required("num_trees").GetIntegerParameter();
        if (model.Required("gbtree_model_param").TryGet("size_leaf_vector", out var leafVector) && leafVector.GetIntegerParameter() != 0)
        {
            throw leafVector.Error("trees with vector leaves are not supported.");
        }

        var trees = model.Required("trees");
        if (trees.GetArrayLength() != treeCount)
        {
            throw trees.Error($"holds {trees.GetArrayLength()} trees; gbtree_model_param.num_trees says {treeCount}.");
        }

        var treeInfo = model.Required("tree_info");
        var treeGroups = treeInfo.GetInt32Array();
        if (treeGroups.Length != treeCount)
        {
            throw treeInfo.Error($"holds {treeGroups.Length} values; there are {treeCount} trees.");
        }

        for (var tree = 0; tree < treeCount; tree++)
        {
            if ((uint)treeGroups[tree] >= (uint)groupCount)
            {
                throw treeInfo.ItemError(tree, $"is {treeGroups[tree]}; the model has {groupCount} output group(s).");
            }
        }

        var nodes = new List<TreeNode>();
        var leafValues = new List<float>();
        var treeRoots = new int[treeCount];
        var treeDepths = new int[treeCount];
        for (var tree = 0; tree < treeCount; tree++)
        {
            (treeRoots[tree], treeDepths[tree]) = TreeFlattener.Append(trees.Item(tree), featureCount, nodes, leafValues);
        }

        return new XGBoostModel(featureCount, objective, groupCount, baseMargin, new FlatTrees([.. nodes], [.. leafValues], treeRoots, treeDepths, treeGroups));
    }

    // XGBoost stores binary:logistic's base_score as a probability and starts the margin at its logit, computed
    // in float32 as XGBoost 1.7 does (-logf(1/p - 1)).
    private static float LogisticMargin(JsonField field, float baseScore) =>
        baseScore is > 0f and < 1f
            ? -MathF.Log((1f / baseScore) - 1f)
            : throw field.Error($"is {baseScore}; binary:logistic needs a probability strictly between 0 and 1.");
}
