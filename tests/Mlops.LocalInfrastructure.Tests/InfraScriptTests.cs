using System.Globalization;
using System.Text.RegularExpressions;
using Mlops.LocalInfrastructure.Processes;
using Mlops.LocalInfrastructure.Tests.Infrastructure;

namespace Mlops.LocalInfrastructure.Tests;

/// <summary>eng/infra.sh, as a developer runs it: the servers outlive the start command, and a later command stops them.</summary>
public sealed partial class InfraScriptTests
{
    [Fact]
    public async Task Start_status_and_stop_in_separate_commands()
    {
        await using var state = TestState.Create("script");

        var start = await InfraAsync(state, "start");
        Assert.True(start.ExitCode == 0, start.Output);
        var status = await InfraAsync(state, "status");
        Assert.True(status.ExitCode == 0, status.Output);
        var pids = RunningRow().Matches(status.Output).ToDictionary(row => row.Groups["name"].Value, row => int.Parse(row.Groups["pid"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(["azurite", "postgres", "rabbitmq"], pids.Keys.Order());
        Assert.Contains($"127.0.0.1:{state.Options.RabbitMqPort}", status.Output, StringComparison.Ordinal);
        Assert.All(pids.Values, pid => Assert.True(ProcessTable.IsAlive(pid)));

        var stop = await InfraAsync(state, "stop", "azurite", "postgres", "rabbitmq");
        Assert.True(stop.ExitCode == 0, stop.Output);
        Assert.All(pids.Values, pid => Assert.False(ProcessTable.IsAlive(pid)));
        var stopped = await InfraAsync(state, "status");
        Assert.Equal(3, stopped.ExitCode);
        Assert.Equal(3, StoppedRow().Matches(stopped.Output).Count);
        Assert.Empty(TestState.ProcessesOf(state.Directory));
    }

    [Fact]
    public async Task An_unknown_command_or_resource_explains_the_usage()
    {
        await using var state = TestState.Create("usage");

        var noCommand = await InfraAsync(state, "restart");
        var noResource = await InfraAsync(state, "status", "redis");

        Assert.Equal(2, noCommand.ExitCode);
        Assert.Contains("usage: eng/infra.sh {start|stop|status}", noCommand.Output, StringComparison.Ordinal);
        Assert.Equal(2, noResource.ExitCode);
        Assert.Contains("No resource 'redis'", noResource.Output, StringComparison.Ordinal);
    }

    private static Task<CommandResult> InfraAsync(TestState state, params string[] arguments)
    {
        var options = state.Options;
        var environment = new Dictionary<string, string?>
        {
            [LocalInfrastructureOptions.StateDirectoryVariable] = options.StateDirectory,
            [LocalInfrastructureOptions.PostgresPortVariable] = options.PostgresPort.ToString(CultureInfo.InvariantCulture),
            [LocalInfrastructureOptions.RabbitMqPortVariable] = options.RabbitMqPort.ToString(CultureInfo.InvariantCulture),
            [LocalInfrastructureOptions.RabbitMqEpmdPortVariable] = options.RabbitMqEpmdPort.ToString(CultureInfo.InvariantCulture),
            [LocalInfrastructureOptions.RabbitMqDistributionPortVariable] = options.RabbitMqDistributionPort.ToString(CultureInfo.InvariantCulture),
            [LocalInfrastructureOptions.AzuriteBlobPortVariable] = options.AzuriteBlobPort.ToString(CultureInfo.InvariantCulture),
        };
        return CommandRunner.RunAsync("bash", [Path.Combine(TestState.RepositoryRoot, "eng", "infra.sh"), .. arguments], TimeSpan.FromMinutes(3), environment);
    }

    [GeneratedRegex(@"^(?<name>postgres|rabbitmq|azurite) +running +(?<pid>\d+) ", RegexOptions.Multiline)]
    private static partial Regex RunningRow();

    [GeneratedRegex(@"^(postgres|rabbitmq|azurite) +stopped +- ", RegexOptions.Multiline)]
    private static partial Regex StoppedRow();
}
