using System.Text.Json.Nodes;

namespace Mlops.Inference.Runtimes.Tests;

/// <summary>The XGBoost JSON reader on a hand-written model: the rules of a split, and every refusal.</summary>
public sealed class XGBoostFormatTests
{
    [Theory]
    [InlineData(0f, 0f, 0.75f)] // x0 < 0.5: left leaf
    [InlineData(0.5f, -1f, 1.25f)] // equal to a threshold goes right, twice
    [InlineData(float.NaN, 5f, 0.75f)] // missing x0: default left
    [InlineData(1f, float.NaN, 1.25f)] // missing x1: default right
    [InlineData(1f, -2f, 0f)]
    [InlineData(0.4999f, float.NaN, 0.75f)] // a missing value the path never reads
    [InlineData(float.PositiveInfinity, -2f, 0f)] // infinities are numbers, not missing
    [InlineData(float.NegativeInfinity, float.PositiveInfinity, 0.75f)]
    public void Splits_send_less_than_left_equal_right_and_missing_the_default_way(float x0, float x1, float expected)
    {
        var model = TinyXGBoostModel.Load(TinyXGBoostModel.Create());
        var output = new float[1];
        model.Predict([x0, x1], 1, output);
        Assert.Equal(expected, output[0]);
    }

    [Fact]
    public void Binary_logistic_starts_the_margin_at_the_logit_of_the_base_score()
    {
        var model = TinyXGBoostModel.Load(TinyXGBoostModel.Create("binary:logistic", "3E-1"));
        Assert.Equal(OutputKind.Probability, model.Output.Kind);
        Assert.Equal(["1"], model.Output.Labels);
        var output = new float[2];
        model.Predict([0f, 0f, 1f, -2f], 2, output);
        Assert.Equal(Sigmoid(Math.Log(0.3 / 0.7) + 0.25), output[0], 1e-6);
        Assert.Equal(Sigmoid(Math.Log(0.3 / 0.7) - 0.5), output[1], 1e-6);
    }

    [Fact]
    public void A_tree_that_is_a_lone_leaf_adds_its_value_beside_deeper_trees()
    {
        var json = TinyXGBoostModel.Create();
        var booster = json["learner"]!["gradient_booster"]!["model"]!;
        booster["gbtree_model_param"]!["num_trees"] = "3";
        booster["tree_info"] = new JsonArray(0, 0, 0);
        booster["trees"]!.AsArray().Insert(0, new JsonObject
        {
            ["default_left"] = new JsonArray(0),
            ["left_children"] = new JsonArray(-1),
            ["right_children"] = new JsonArray(-1),
            ["split_conditions"] = new JsonArray(0.125f),
            ["split_indices"] = new JsonArray(0),
            ["tree_param"] = new JsonObject { ["num_nodes"] = "1" },
        });
        booster["trees"]!.AsArray().Add(TinyXGBoostModel.Tree());

        var model = TinyXGBoostModel.Load(json);
        var output = new float[3];
        model.Predict([0f, 0f, 1f, -2f, float.NaN, float.NaN], 3, output);
        Assert.Equal([0.5f + 0.125f + 0.25f + 0.25f, 0.5f + 0.125f - 0.5f - 0.5f, 0.5f + 0.125f + 0.25f + 0.25f], output);
    }

    [Fact]
    public void A_model_of_no_rows_predicts_nothing()
    {
        var model = TinyXGBoostModel.Load(TinyXGBoostModel.Create());
        model.Predict([], 0, []);
    }

    [Theory]
    [InlineData(3, 1, "rows")]
    [InlineData(4, 1, "rows")]
    [InlineData(2, 2, "output")]
    [InlineData(2, 0, "output")]
    public void Predict_refuses_spans_that_do_not_match_the_row_count(int inputs, int outputs, string parameter)
    {
        var model = TinyXGBoostModel.Load(TinyXGBoostModel.Create());
        var error = Assert.Throws<ArgumentException>(() => model.Predict(new float[inputs], 1, new float[outputs]));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void A_multiclass_model_adds_each_tree_to_its_class()
    {
        var json = TinyXGBoostModel.Create("multi:softprob");
        json["learner"]!["learner_model_param"]!["num_class"] = "2";
        var booster = json["learner"]!["gradient_booster"]!["model"]!;
        booster["gbtree_model_param"]!["num_trees"] = "2";
        booster["tree_info"] = new JsonArray(0, 1);
        var second = TinyXGBoostModel.Tree();
        second["split_conditions"] = new JsonArray(0.5f, -1f, -0.25f, 0.75f, -0.5f);
        booster["trees"]!.AsArray().Add(second);

        var model = TinyXGBoostModel.Load(json);
        Assert.Equal(OutputKind.ClassProbabilities, model.Output.Kind);
        Assert.Equal(["0", "1"], model.Output.Labels);
        var output = new float[2];
        model.Predict([0f, 0f], 1, output);
        // Margins 0.5 + 0.25 and 0.5 - 0.25: the softmax of (0.75, 0.25).
        Assert.Equal(Math.Exp(0.75) / (Math.Exp(0.75) + Math.Exp(0.25)), output[0], 1e-6);
        Assert.Equal(Math.Exp(0.25) / (Math.Exp(0.75) + Math.Exp(0.25)), output[1], 1e-6);
    }

    [Theory]
    [InlineData("dart")]
    [InlineData("gblinear")]
    public void Other_boosters_are_refused(string booster)
    {
        var json = TinyXGBoostModel.Create();
        json["learner"]!["gradient_booster"]!["name"] = booster;
        var error = TinyXGBoostModel.LoadFails(json, "learner.gradient_booster.name");
        Assert.Contains($"'{booster}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("gbtree", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multi:softmax")]
    [InlineData("reg:logistic")]
    [InlineData("count:poisson")]
    [InlineData("rank:pairwise")]
    public void Other_objectives_are_refused_naming_the_supported_ones(string objective)
    {
        var error = TinyXGBoostModel.LoadFails(TinyXGBoostModel.Create(objective), "learner.objective.name");
        Assert.Contains($"'{objective}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("binary:logistic, reg:squarederror, multi:softprob", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Models_of_another_major_version_are_refused()
    {
        var json = TinyXGBoostModel.Create();
        json["version"] = new JsonArray(2, 0, 3);
        var error = TinyXGBoostModel.LoadFails(json, "version");
        Assert.Contains("2.0.3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Categorical_splits_are_refused()
    {
        var json = TinyXGBoostModel.Create();
        Trees(json)[0]!["split_type"] = new JsonArray(0, 1, 0, 0, 0);
        TinyXGBoostModel.LoadFails(json, "learner.gradient_booster.model.trees[0].split_type[1]");
    }

    [Fact]
    public void Vector_leaves_and_several_targets_are_refused()
    {
        var json = TinyXGBoostModel.Create();
        json["learner"]!["gradient_booster"]!["model"]!["gbtree_model_param"]!["size_leaf_vector"] = "2";
        TinyXGBoostModel.LoadFails(json, "learner.gradient_booster.model.gbtree_model_param.size_leaf_vector");

        json = TinyXGBoostModel.Create();
        json["learner"]!["learner_model_param"]!["num_target"] = "3";
        TinyXGBoostModel.LoadFails(json, "learner.learner_model_param.num_target");
    }

    [Theory]
    [InlineData("left_children", 5, "learner.gradient_booster.model.trees[0].left_children[0]")] // beyond the tree
    [InlineData("left_children", 0, "learner.gradient_booster.model.trees[0].left_children[0]")] // back to the root
    [InlineData("right_children", 2, "learner.gradient_booster.model.trees[0].right_children[0]")] // both children one node
    [InlineData("split_indices", 2, "learner.gradient_booster.model.trees[0].split_indices[0]")] // a third feature of two
    public void Trees_whose_indices_leave_the_tree_or_the_features_are_refused(string array, int value, string field)
    {
        var json = TinyXGBoostModel.Create();
        Trees(json)[0]![array]![0] = value;
        TinyXGBoostModel.LoadFails(json, field);
    }

    [Fact]
    public void A_node_reached_twice_is_refused()
    {
        var json = TinyXGBoostModel.Create();
        Trees(json)[0]!["right_children"]![1] = 2; // node 1's right child is node 0's left child
        var error = TinyXGBoostModel.LoadFails(json, "learner.gradient_booster.model.trees[0].right_children[1]");
        Assert.Contains("reached twice", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("default_left")]
    [InlineData("split_conditions")]
    [InlineData("left_children")]
    public void Node_arrays_shorter_than_num_nodes_are_refused(string array)
    {
        var json = TinyXGBoostModel.Create();
        Trees(json)[0]![array]!.AsArray().RemoveAt(4);
        var error = TinyXGBoostModel.LoadFails(json, $"learner.gradient_booster.model.trees[0].{array}");
        Assert.Contains("num_nodes says 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tree_counts_and_groups_must_agree()
    {
        var json = TinyXGBoostModel.Create();
        json["learner"]!["gradient_booster"]!["model"]!["gbtree_model_param"]!["num_trees"] = "2";
        TinyXGBoostModel.LoadFails(json, "learner.gradient_booster.model.trees");

        json = TinyXGBoostModel.Create();
        json["learner"]!["gradient_booster"]!["model"]!["tree_info"] = new JsonArray(1);
        TinyXGBoostModel.LoadFails(json, "learner.gradient_booster.model.tree_info[0]");
    }

    [Theory]
    [InlineData("base_score", "half")]
    [InlineData("num_feature", "two")]
    [InlineData("num_feature", "0")]
    public void Unreadable_learner_parameters_are_refused(string parameter, string value)
    {
        var json = TinyXGBoostModel.Create();
        json["learner"]!["learner_model_param"]![parameter] = value;
        TinyXGBoostModel.LoadFails(json, $"learner.learner_model_param.{parameter}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("1.5")]
    public void Binary_logistic_needs_a_base_score_strictly_between_0_and_1(string baseScore)
    {
        TinyXGBoostModel.LoadFails(TinyXGBoostModel.Create("binary:logistic", baseScore), "learner.learner_model_param.base_score");
    }

    [Fact]
    public void Softprob_needs_at_least_two_classes()
    {
        TinyXGBoostModel.LoadFails(TinyXGBoostModel.Create("multi:softprob"), "learner.learner_model_param.num_class");
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        var json = TinyXGBoostModel.Create();
        Trees(json)[0]!.AsObject().Remove("default_left");
        var error = TinyXGBoostModel.LoadFails(json, "learner.gradient_booster.model.trees[0].default_left");
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_of_the_wrong_kind_is_named()
    {
        var json = TinyXGBoostModel.Create();
        Trees(json)[0]!["split_conditions"]![2] = "0.25";
        TinyXGBoostModel.LoadFails(json, "learner.gradient_booster.model.trees[0].split_conditions[2]");

        json = TinyXGBoostModel.Create();
        json["learner"]!["objective"] = "binary:logistic";
        var error = TinyXGBoostModel.LoadFails(json, "learner.objective");
        Assert.Contains("must be an object, not a string", error.Message, StringComparison.Ordinal);
    }

    private static JsonArray Trees(JsonObject json) => json["learner"]!["gradient_booster"]!["model"]!["trees"]!.AsArray();

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
