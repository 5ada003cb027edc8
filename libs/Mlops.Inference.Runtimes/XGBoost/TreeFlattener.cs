using Mlops.Inference.Runtimes.Json;

namespace Mlops.Inference.Runtimes.XGBoost;

/// <summary>
/// Checks one tree of an XGBoost JSON model and appends its reachable nodes, breadth first, to the flattened
/// array, laying each split's children side by side.
/// </summary>
internal static class TreeFlattener
{
    /// <param name="leafValues">Indexed like <paramref name="nodes"/>: each leaf's value, 0 for a split.</param>
    /// <returns>The index of the tree's root in <paramref name="nodes"/>, and the tree's depth (0 for a lone leaf).</returns>
    public static (int Root, int Depth) Append(JsonField tree, int featureCount, List<TreeNode> nodes, List<float> leafValues)
    {
        var nodeCountField = tree.Required("tree_param").Required("num_nodes");
        var nodeCount = nodeCountField.GetIntegerParameter();
        if (nodeCount < 1)
        {
            throw nodeCountField.Error("must be at least 1.");
        }

        var left = NodeArray(tree, "left_children", nodeCount, static f => f.GetInt32Array());
        var right = NodeArray(tree, "right_children", nodeCount, static f => f.GetInt32Array());
        var features = NodeArray(tree, "split_indices", nodeCount, static f => f.GetInt32Array());
        var conditions = NodeArray(tree, "split_conditions", nodeCount, static f => f.GetSingleArray());
        var defaultLeft = NodeArray(tree, "default_left", nodeCount, static f => f.GetBooleanArray());
        RefuseCategoricalSplits(tree);

        // Old index -> new index, for the breadth-first walk; each node must be reached once, or this is no tree.
        var reached = new bool[nodeCount];
        var pending = new Queue<(int Old, int New, int Depth)>();
        var root = nodes.Count;
        var depth = 0;
        nodes.Add(default);
        leafValues.Add(0f);
        pending.Enqueue((0, root, 0));
        reached[0] = true;
        while (pending.TryDequeue(out var next))
        {
            var (old, slot, nodeDepth) = next;
            depth = Math.Max(depth, nodeDepth);
            if (left[old] == -1 && right[old] == -1)
            {
                nodes[slot] = TreeNode.Leaf(slot);
                leafValues[slot] = conditions[old];
                continue;
            }

            CheckChild(tree, "left_children", old, left[old], nodeCount, reached);
            CheckChild(tree, "right_children", old, right[old], nodeCount, reached);
            if ((uint)features[old] >= (uint)featureCount)
            {
                throw tree.Required("split_indices").ItemError(old, $"is {features[old]}; the model has {featureCount} features.");
            }

            var leftSlot = nodes.Count;
            nodes.Add(default);
            nodes.Add(default);
            leafValues.Add(0f);
            leafValues.Add(0f);
            nodes[slot] = TreeNode.Split(features[old], conditions[old], leftSlot, defaultLeft[old]);
            pending.Enqueue((left[old], leftSlot, nodeDepth + 1));
            pending.Enqueue((right[old], leftSlot + 1, nodeDepth + 1));
        }

        return (root, depth);
    }

    private static T[] NodeArray<T>(JsonField tree, string name, int nodeCount, Func<JsonField, T[]> read)
    {
        var field = tree.Required(name);
        var values = read(field);
        return values.Length == nodeCount
            ? values
            : throw field.Error($"holds {values.Length} values; tree_param.num_nodes says {nodeCount}.");
    }

    private static void CheckChild(JsonField tree, string name, int node, int child, int nodeCount, bool[] reached)
    {
        if (child <= 0 || child >= nodeCount)
        {
            throw tree.Required(name).ItemError(node, $"is {child}; a split's child must be a node of the tree other than the root (1 to {nodeCount - 1}).");
        }

        if (reached[child])
        {
            throw tree.Required(name).ItemError(node, $"is {child}, a node reached twice: not a tree.");
        }

        reached[child] = true;
    }

    private static void RefuseCategoricalSplits(JsonField tree)
    {
        if (tree.TryGet("split_type", out var splitTypes))
        {
            var types = splitTypes.GetInt32Array();
            var categorical = Array.FindIndex(types, static type => type != 0);
            if (categorical >= 0)
            {
                throw splitTypes.ItemError(categorical, "is a categorical split; only numerical splits are supported.");
            }
        }

        if (tree.TryGet("categories_nodes", out var categoryNodes) && categoryNodes.GetArrayLength() != 0)
        {
            throw categoryNodes.Error("categorical splits are not supported.");
        }
    }
}
