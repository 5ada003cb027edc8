using System.Globalization;
using System.Text;
using Mlops.LocalInfrastructure;

namespace Mlops.Infra;

/// <summary>One line per resource: name, state, pid, endpoints, detail.</summary>
public static class StatusTable
{
    public static string Format(IEnumerable<ResourceStatus> statuses, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        string[] header = ["RESOURCE", "STATE", "PID", "ENDPOINT", "DETAIL"];
        var rows = statuses
            .Select(status => new[]
            {
                status.Name,
                status.State.ToString().ToLowerInvariant(),
                status.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "-",
                string.Join(' ', status.Endpoints),
                status.Detail ?? "",
            })
            .Prepend(header)
            .ToList();
        var widths = Enumerable.Range(0, header.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var table = new StringBuilder();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]));
            table.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
        }

        return table.Append("state: ").Append(stateDirectory).Append('\n').ToString();
    }
}
