namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>Neumaier's compensated summation: the error does not grow with the number of terms.</summary>
internal struct NeumaierSum
{
    private double _sum;
    private double _compensation;

    public readonly double Value => double.IsFinite(_sum) ? _sum + _compensation : _sum;

    public void Add(double value)
    {
        var total = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - total) + value : (value - total) + _sum;
        _sum = total;
    }
}
