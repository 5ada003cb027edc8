using System.Runtime.InteropServices;

namespace Mlops.Inference.Runtimes.XGBoost;

/// <summary>
/// One node of a flattened tree, 16 bytes. A split's two children sit side by side (right = left + 1), so a
/// step down the tree reads one node, and four nodes share a cache line.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct TreeNode
{
    /// <summary>The feature a split tests; <see cref="LeafMarker"/> on a leaf.</summary>
    public readonly int Feature;

    /// <summary>A split's threshold (<c>x &lt; Value</c> goes left), or a leaf's value.</summary>
    public readonly float Value;

    /// <summary>The index of the left child in the flattened array; the right child is the next one.</summary>
    public readonly int Left;

    /// <summary>The index of the child that a missing (NaN) value goes to.</summary>
    public readonly int Missing;

    public const int LeafMarker = -1;

    private TreeNode(int feature, float value, int left, int missing)
    {
        Feature = feature;
        Value = value;
        Left = left;
        Missing = missing;
    }

    public bool IsLeaf => Feature == LeafMarker;

    public static TreeNode Leaf(float value) => new(LeafMarker, value, 0, 0);

    public static TreeNode Split(int feature, float threshold, int left, bool missingGoesLeft) =>
        new(feature, threshold, left, missingGoesLeft ? left : left + 1);
}
