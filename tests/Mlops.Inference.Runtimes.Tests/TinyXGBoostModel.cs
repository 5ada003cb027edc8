using System.Text.Json.Nodes;

namespace Mlops.Inference.Runtimes.Tests;

/// <summary>
/// A hand-written XGBoost 1.7 JSON model small enough to predict by hand, for tests to break one field at a time.
/// One tree over two features, its nodes numbered out of breadth-first order:
/// <code>
/// 0: x0 &lt; 0.5, missing goes left  -> left 2, right 1
/// 2: leaf 0.25
/// 1: x1 &lt; -1, missing goes right  -> left 4, right 3
/// 4: leaf -0.5
/// 3: leaf 0.75
/// </code>
/// </summary>
internal static class TinyXGBoostModel
{
    public static JsonObject Create(string objective = "reg:squarederror", string baseScore = "5E-1") => new()
    {
        ["learner"] = new JsonObject
        {
            ["attributes"] = new JsonObject(),
            ["feature_names"] = new JsonArray(),
            ["feature_types"] = new JsonArray(),
            ["gradient_booster"] = new JsonObject
            {
                ["model"] = new JsonObject
                {
                    ["gbtree_model_param"] = new JsonObject { ["num_parallel_tree"] = "1", ["num_trees"] = "1", ["size_leaf_vector"] = "0" },
                    ["tree_info"] = new JsonArray(0),
                    ["trees"] = new JsonArray(Tree()),
                },
                ["name"] = "gbtree",
            },
            ["learner_model_param"] = new JsonObject
            {
                ["base_score"] = baseScore,
                ["boost_from_average"] = "1",
                ["num_class"] = "0",
                ["num_feature"] = "2",
                ["num_target"] = "1",
            },
            ["objective"] = new JsonObject { ["name"] = objective },
        },
        ["version"] = new JsonArray(1, 7, 4),
    };

    public static JsonObject Tree() => new()
    {
        ["base_weights"] = new JsonArray(0f, 0f, 0f, 0f, 0f),
        ["categories"] = new JsonArray(),
        ["categories_nodes"] = new JsonArray(),
        ["categories_segments"] = new JsonArray(),
        ["categories_sizes"] = new JsonArray(),
        ["default_left"] = new JsonArray(1, 0, 0, 0, 0),
        ["id"] = 0,
        ["left_children"] = new JsonArray(2, 4, -1, -1, -1),
        ["loss_changes"] = new JsonArray(0f, 0f, 0f, 0f, 0f),
        ["parents"] = new JsonArray(2147483647, 0, 0, 1, 1),
        ["right_children"] = new JsonArray(1, 3, -1, -1, -1),
        ["split_conditions"] = new JsonArray(0.5f, -1f, 0.25f, 0.75f, -0.5f),
        ["split_indices"] = new JsonArray(0, 1, 0, 0, 0),
        ["split_type"] = new JsonArray(0, 0, 0, 0, 0),
        ["sum_hessian"] = new JsonArray(0f, 0f, 0f, 0f, 0f),
        ["tree_param"] = new JsonObject { ["num_deleted"] = "0", ["num_feature"] = "2", ["num_nodes"] = "5", ["size_leaf_vector"] = "0" },
    };

    public static ILoadedModel Load(JsonNode model) => ModelLoader.Load(System.Text.Encoding.UTF8.GetBytes(model.ToJsonString()));

    /// <summary>Loads the model and returns the error, asserting it names <paramref name="field"/>.</summary>
    public static ModelFormatException LoadFails(JsonNode model, string field)
    {
        var error = Assert.Throws<ModelFormatException>(() => Load(model));
        Assert.Equal(field, error.Field);
        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
        return error;
    }
}
