namespace Mlops.Inference.Runtimes.Tests;

/// <summary>Trains every reference model once per test run, in a temporary folder removed afterwards.</summary>
public sealed class ReferenceModels : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mlops-runtimes-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, ReferenceModel> _models = [];

    public ReferenceModel this[string name] => _models[name];

    public async Task InitializeAsync()
    {
        // Explicit base scores: the margin of binary:logistic starts at their logit, the regression's far from 0.5.
        string[][] trainings =
        [
            ["xgboost", "--objective", "binary:logistic", "--base-score", "0.3"],
            ["xgboost", "--objective", "reg:squarederror", "--base-score", "2500"],
            ["xgboost", "--objective", "multi:softprob", "--classes", "4"],
            ["linear", "--kind", "linear_regression"],
            ["linear", "--kind", "logistic_regression"],
            ["linear", "--kind", "multinomial"],
        ];
        var trained = await Task.WhenAll(trainings.Select(arguments =>
            ReferenceModel.TrainAsync(Path.Combine(_folder, arguments[2].Replace(':', '-')), arguments)));
        for (var i = 0; i < trainings.Length; i++)
        {
            _models[trainings[i][2]] = trained[i];
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
