using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlops.Inference.Runtimes.XGBoost;

/// <summary>
/// A gradient-boosted tree ensemble loaded from XGBoost's JSON model, predicting exactly as XGBoost's CPU
/// predictor does: the margin starts at the base margin and adds each tree's leaf in tree order, in float32,
/// then the objective's transform applies.
/// </summary>
internal sealed class XGBoostModel : ILoadedModel
{
    // XGBoost walks blocks of 64 rows through one tree at a time, so a tree stays in cache for the whole block;
    // the order of additions for a row stays the tree order either way.
    private const int BlockRows = 64;

    private readonly TreeNode[] _nodes;
    private readonly int[] _treeRoots;
    private readonly int[] _treeGroups;
    private readonly int _groupCount;
    private readonly float _baseMargin;
    private readonly XGBoostObjective _objective;

    /// <param name="nodes">Every tree's nodes; the loader has checked that each index in them is in range.</param>
    public XGBoostModel(int featureCount, XGBoostObjective objective, int groupCount, float baseMargin, TreeNode[] nodes, int[] treeRoots, int[] treeGroups)
    {
        FeatureCount = featureCount;
        _objective = objective;
        _groupCount = groupCount;
        _baseMargin = baseMargin;
        _nodes = nodes;
        _treeRoots = treeRoots;
        _treeGroups = treeGroups;
        Output = objective switch
        {
            XGBoostObjective.SquaredError => new ModelOutput(OutputKind.Value, 1, []),
            XGBoostObjective.BinaryLogistic => new ModelOutput(OutputKind.Probability, 1, ["1"]),
            _ => new ModelOutput(OutputKind.ClassProbabilities, groupCount, [.. Enumerable.Range(0, groupCount).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))]),
        };
    }

    public string Format => "xgboost";

    public int FeatureCount { get; }

    public ModelOutput Output { get; }

    public int TreeCount => _treeRoots.Length;

    public int NodeCount => _nodes.Length;

    public void Predict(ReadOnlySpan<float> rows, int rowCount, Span<float> output)
    {
        PredictArguments.Check(rows.Length, rowCount, FeatureCount, output.Length, _groupCount);
        output.Fill(_baseMargin);
        AddTrees(rows, rowCount, output);
        switch (_objective)
        {
            case XGBoostObjective.BinaryLogistic:
                for (var i = 0; i < output.Length; i++)
                {
                    output[i] = 1f / (1f + MathF.Exp(-output[i]));
                }

                break;
            case XGBoostObjective.MultiSoftprob:
                for (var row = 0; row < rowCount; row++)
                {
                    Softmax(output.Slice(row * _groupCount, _groupCount));
                }

                break;
        }
    }

    private void AddTrees(ReadOnlySpan<float> rows, int rowCount, Span<float> margins)
    {
        var featureCount = FeatureCount;
        var groupCount = _groupCount;
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var firstRow = ref MemoryMarshal.GetReference(rows);
        ref var firstMargin = ref MemoryMarshal.GetReference(margins);
        for (var blockStart = 0; blockStart < rowCount; blockStart += BlockRows)
        {
            var blockEnd = Math.Min(rowCount, blockStart + BlockRows);
            for (var tree = 0; tree < _treeRoots.Length; tree++)
            {
                var root = _treeRoots[tree];
                var group = _treeGroups[tree];
                for (var row = blockStart; row < blockEnd; row++)
                {
                    ref var features = ref Unsafe.Add(ref firstRow, row * featureCount);
                    Unsafe.Add(ref firstMargin, (row * groupCount) + group) += Leaf(ref nodes, root, ref features);
                }
            }
        }
    }

    // Unchecked indexing: the loader proved every child index and split feature in range, and Predict checked
    // the spans' lengths, so bounds checks on the hottest loop would only cost time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Leaf(ref TreeNode nodes, int index, ref float features)
    {
        while (true)
        {
            ref readonly var node = ref Unsafe.Add(ref nodes, index);
            if (node.IsLeaf)
            {
                return node.Value;
            }

            var x = Unsafe.Add(ref features, node.Feature);
            index = float.IsNaN(x) ? node.Missing : node.Left + (x < node.Value ? 0 : 1);
        }
    }

    // As XGBoost 1.7's common::Softmax: float exponentials of (margin - max), summed in double, divided in float.
    private static void Softmax(Span<float> values)
    {
        var max = values[0];
        for (var i = 1; i < values.Length; i++)
        {
            max = MathF.Max(values[i], max);
        }

        var sum = 0d;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = MathF.Exp(values[i] - max);
            sum += values[i];
        }

        var total = (float)sum;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] /= total;
        }
    }
}
