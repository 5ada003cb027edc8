namespace Mlops.Inference.Runtimes.XGBoost;

/// <summary>
/// Every tree of a model in a few flat arrays. The reader has checked that every index in them is in range:
/// children within the nodes, split features within the row.
/// </summary>
/// <param name="Nodes">All trees' nodes, each tree breadth first.</param>
/// <param name="LeafValues">Indexed like <paramref name="Nodes"/>: a leaf's value (0 for a split).</param>
/// <param name="Roots">Per tree, in XGBoost's order: the index of its root.</param>
/// <param name="Depths">Per tree: the number of steps from its root to its deepest leaf.</param>
/// <param name="Groups">Per tree: the output group (class) its leaves add to.</param>
internal sealed record FlatTrees(TreeNode[] Nodes, float[] LeafValues, int[] Roots, int[] Depths, int[] Groups);
