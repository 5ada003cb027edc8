using System.Globalization;
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
    // Rows go through the trees in blocks, so that the trees at hand stay in cache for the whole block.
    private const int BlockRows = 64;

    // A row walks this many trees at once: the walks are independent, so the processor overlaps their memory
    // reads instead of waiting on each step of one walk before the next.
    private const int Lanes = 8;

    private readonly TreeNode[] _nodes;
    private readonly float[] _leafValues;
    private readonly int[] _treeRoots;
    private readonly int[] _treeGroups;
    private readonly int[] _laneDepths;
    private readonly int _groupCount;
    private readonly float _baseMargin;
    private readonly XGBoostObjective _objective;

    public XGBoostModel(int featureCount, XGBoostObjective objective, int groupCount, float baseMargin, FlatTrees trees)
    {
        FeatureCount = featureCount;
        _objective = objective;
        _groupCount = groupCount;
        _baseMargin = baseMargin;
        _nodes = trees.Nodes;
        _leafValues = trees.LeafValues;
        _treeRoots = trees.Roots;
        _treeGroups = trees.Groups;
        // Trees walked together all take as many steps as the deepest of them: a leaf just stays where it is.
        _laneDepths = new int[(trees.Roots.Length + Lanes - 1) / Lanes];
        for (var tree = 0; tree < trees.Roots.Length; tree++)
        {
            _laneDepths[tree / Lanes] = Math.Max(_laneDepths[tree / Lanes], trees.Depths[tree]);
        }

        Output = objective switch
        {
            XGBoostObjective.SquaredError => new ModelOutput(OutputKind.Value, 1, []),
            XGBoostObjective.BinaryLogistic => new ModelOutput(OutputKind.Probability, 1, ["1"]),
            _ => new ModelOutput(OutputKind.ClassProbabilities, groupCount, [.. Enumerable.Range(0, groupCount).Select(c => c.ToString(CultureInfo.InvariantCulture))]),
        };
    }

    public string Format => "xgboost";

    public int FeatureCount { get; }

    public ModelOutput Output { get; }

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

    // Unchecked indexing below: the reader proved every child index and split feature in range, and Predict
    // checked the spans' lengths, so bounds checks in the hottest loop would only cost time.
    private void AddTrees(ReadOnlySpan<float> rows, int rowCount, Span<float> margins)
    {
        var featureCount = FeatureCount;
        var groupCount = _groupCount;
        var treeCount = _treeRoots.Length;
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var leafValues = ref MemoryMarshal.GetArrayDataReference(_leafValues);
        ref var firstRow = ref MemoryMarshal.GetReference(rows);
        ref var firstMargin = ref MemoryMarshal.GetReference(margins);
        Span<int> at = stackalloc int[Lanes];
        for (var blockStart = 0; blockStart < rowCount; blockStart += BlockRows)
        {
            var blockEnd = Math.Min(rowCount, blockStart + BlockRows);
            for (var firstTree = 0; firstTree < treeCount; firstTree += Lanes)
            {
                var lanes = Math.Min(Lanes, treeCount - firstTree);
                var depth = _laneDepths[firstTree / Lanes];
                var roots = _treeRoots.AsSpan(firstTree, lanes);
                var groups = _treeGroups.AsSpan(firstTree, lanes);
                for (var row = blockStart; row < blockEnd; row++)
                {
                    ref var features = ref Unsafe.Add(ref firstRow, row * featureCount);
                    roots.CopyTo(at);
                    for (var step = 0; step < depth; step++)
                    {
                        for (var lane = 0; lane < lanes; lane++)
                        {
                            at[lane] = Step(ref nodes, at[lane], ref features);
                        }
                    }

                    // In tree order, as XGBoost adds them: float addition is not associative.
                    ref var rowMargins = ref Unsafe.Add(ref firstMargin, row * groupCount);
                    if (groupCount == 1)
                    {
                        var margin = rowMargins;
                        for (var lane = 0; lane < lanes; lane++)
                        {
                            margin += Unsafe.Add(ref leafValues, at[lane]);
                        }

                        rowMargins = margin;
                    }
                    else
                    {
                        for (var lane = 0; lane < lanes; lane++)
                        {
                            Unsafe.Add(ref rowMargins, groups[lane]) += Unsafe.Add(ref leafValues, at[lane]);
                        }
                    }
                }
            }
        }
    }

    // One step down a tree without a branch: right unless x < threshold (so NaN too), then missing if x is NaN.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref TreeNode nodes, int index, ref float features)
    {
        ref readonly var node = ref Unsafe.Add(ref nodes, index);
        var x = Unsafe.Add(ref features, node.Feature);
        var next = node.Left + Unsafe.BitCast<bool, byte>(!(x < node.Threshold));
        var missing = -Unsafe.BitCast<bool, byte>(float.IsNaN(x));
        return next + ((node.Missing - next) & missing);
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
