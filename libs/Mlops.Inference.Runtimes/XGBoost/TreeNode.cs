using System.Runtime.InteropServices;

namespace Mlops.Inference.Runtimes.XGBoost;

/// <summary>
/// One node of a flattened tree, 16 bytes. A split's two children sit side by side (right = left + 1), so a
/// step down the tree reads one node, and four nodes share a cache line.
/// </summary>
/// <remarks>
/// A leaf is a node that leads back to itself whatever the input: its threshold is NaN, so no value is below
/// it and every number goes "right", to <c>Left + 1</c>, which is the leaf; NaN goes to <see cref="Missing"/>,
/// the leaf too. A walk can therefore take a fixed number of steps, the tree's depth, with no test for having
/// arrived and so no branch to mispredict. Leaf values live apart, in an array indexed like the nodes.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct TreeNode
{
    /// <summary>The feature a split tests (0 on a leaf, any valid feature would do).</summary>
    public readonly int Feature;

    /// <summary>A split's threshold: <c>x &lt; Threshold</c> goes left. NaN on a leaf.</summary>
    public readonly float Threshold;

    /// <summary>The index of the left child in the flattened array; the right child is the next one.</summary>
    public readonly int Left;

    /// <summary>The index of the child that a missing (NaN) value goes to.</summary>
    public readonly int Missing;

    private TreeNode(int feature, float threshold, int left, int missing)
    {
        Feature = feature;
        Threshold = threshold;
        Left = left;
        Missing = missing;
    }

    public static TreeNode Leaf(int index) => new(0, float.NaN, index - 1, index);

    public static TreeNode Split(int feature, float threshold, int left, bool missingGoesLeft) =>
        new(feature, threshold, left, missingGoesLeft ? left : left + 1);
}
