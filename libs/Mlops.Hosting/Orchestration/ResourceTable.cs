using System.Text;

namespace Mlops.Hosting.Orchestration;

/// <summary>
/// The resources as a table on the console (name, type, state, health, pid, restarts, endpoints), printed again a
/// moment after anything in it changes, so a burst of changes prints once.
/// </summary>
internal sealed class ResourceTable : IAsyncDisposable
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(300);

    private readonly ResourceNotificationService _notifications;
    private readonly Lock _lock = new();
    private string _lastPrinted = "";
    private Task _pending = Task.CompletedTask;
    private bool _scheduled;

    public ResourceTable(ResourceNotificationService notifications)
    {
        _notifications = notifications;
        _notifications.Changed += OnChanged;
    }

    public async ValueTask DisposeAsync()
    {
        _notifications.Changed -= OnChanged;
        await _pending.ConfigureAwait(false);
        Print();
    }

    public static string Render(IReadOnlyList<ResourceSnapshot> snapshots)
    {
        string[] header = ["RESOURCE", "TYPE", "STATE", "HEALTH", "PID", "RESTARTS", "ENDPOINTS"];
        var rows = snapshots.Select(snapshot => new[]
        {
            snapshot.Name,
            snapshot.Type,
            snapshot.State.ToString(),
            snapshot.Health.ToString(),
            snapshot.ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            snapshot.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            snapshot.Endpoints.Count == 0 ? (snapshot.Detail ?? "") : string.Join(", ", snapshot.Endpoints) + (snapshot.Detail is null ? "" : $"  ({snapshot.Detail})"),
        }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(column => rows.Select(row => row[column].Length).Append(header[column].Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]))).TrimEnd());
        }

        return text.ToString();
    }

    private void OnChanged(ResourceSnapshot snapshot)
    {
        lock (_lock)
        {
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
            _pending = PrintSoonAsync();
        }
    }

    private async Task PrintSoonAsync()
    {
        await Task.Delay(Coalesce).ConfigureAwait(false);
        lock (_lock)
        {
            _scheduled = false;
        }

        Print();
    }

    /// <summary>Prints the table now if it changed since it was last printed.</summary>
    public void Print()
    {
        var table = Render(_notifications.Snapshots);
        lock (_lock)
        {
            if (table == _lastPrinted)
            {
                return;
            }

            _lastPrinted = table;
        }

        Console.Out.Write(Environment.NewLine + table);
    }
}
