using System.Runtime.CompilerServices;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// One column across the passes. The first pass sees every value, counts kinds and gathers what the numeric
/// summary needs in order to start; its type, known only then, decides which summary the later passes build.
/// </summary>
internal sealed class ColumnAccumulator(string name)
{
    private readonly long[] _kindCounts = new long[Enum.GetValues<ValueKind>().Length];
    private readonly NumericAccumulator _numeric = new();
    private CategoricalAccumulator? _categorical;
    private ColumnType _type;
    private bool _firstPass = true;
    private long _present;

    /// <summary>Whether the pass under way needs this column's values.</summary>
    public bool WantsPass { get; private set; } = true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ValueKind kind, double number, ReadOnlySpan<byte> text)
    {
        if (_firstPass)
        {
            _present++;
            _kindCounts[(int)kind]++;
            if (kind is ValueKind.Integer or ValueKind.Float)
            {
                _numeric.Add(number);
            }
        }
        else if (_categorical is not null)
        {
            if (kind != ValueKind.Null)
            {
                _categorical.Add(FieldClassifier.CategoryText(kind, number, text));
            }
        }
        else if (kind is ValueKind.Integer or ValueKind.Float)
        {
            _numeric.Add(number);
        }
    }

    public void EndPass(DatasetProfileLimits limits)
    {
        if (_firstPass)
        {
            _firstPass = false;
            _type = InferType();
            if (_type is ColumnType.Integer or ColumnType.Float)
            {
                _numeric.EndPass(limits);
                WantsPass = _numeric.NeedsPass;
            }
            else
            {
                _categorical = _type == ColumnType.Null ? null : new CategoricalAccumulator(limits);
                WantsPass = _categorical is not null;
            }

            return;
        }

        if (_categorical is not null)
        {
            if (_categorical.Count != NonNullCount)
            {
                throw ColumnCatalog.DataChanged();
            }

            _categorical.EndPass();
            WantsPass = _categorical.NeedsPass;
        }
        else
        {
            _numeric.EndPass(limits);
            WantsPass = _numeric.NeedsPass;
        }
    }

    public ColumnProfile ToProfile(long rowCount, DatasetProfileLimits limits)
    {
        var missing = rowCount - _present;
        var nulls = _kindCounts[(int)ValueKind.Null] + missing;
        var numeric = _type is ColumnType.Integer or ColumnType.Float;
        return new ColumnProfile(
            name,
            _type,
            NonNullCount,
            nulls,
            missing,
            rowCount == 0 ? 0 : (double)nulls / rowCount,
            new ValueTypeCounts(
                Kind(ValueKind.Boolean),
                Kind(ValueKind.Integer),
                Kind(ValueKind.Float),
                Kind(ValueKind.String),
                Kind(ValueKind.Timestamp),
                Kind(ValueKind.Object),
                Kind(ValueKind.Array)),
            numeric ? _numeric.ToSummary() : null,
            _categorical?.ToSummary(limits.TopCategoryCount));
    }

    private long NonNullCount => _present - _kindCounts[(int)ValueKind.Null];

    private long Kind(ValueKind kind) => _kindCounts[(int)kind];

    private ColumnType InferType()
    {
        var kinds = Enum.GetValues<ValueKind>().Where(k => k != ValueKind.Null && Kind(k) > 0).ToList();
        return kinds switch
        {
            [] => ColumnType.Null,
            [ValueKind.Integer, ValueKind.Float] => ColumnType.Float,
            [var only] => only switch
            {
                ValueKind.Boolean => ColumnType.Boolean,
                ValueKind.Integer => ColumnType.Integer,
                ValueKind.Float => ColumnType.Float,
                ValueKind.String => ColumnType.String,
                ValueKind.Timestamp => ColumnType.Timestamp,
                ValueKind.Object => ColumnType.Object,
                _ => ColumnType.Array,
            },
            _ => ColumnType.Mixed,
        };
    }
}
