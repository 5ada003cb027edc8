using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Mlops.Infra;
using Mlops.LocalInfrastructure;

const string Usage = "usage: eng/infra.sh {start|stop|status} [postgres|rabbitmq|azurite ...]";
if (args.Length == 0 || args[0] is not ("start" or "stop" or "status"))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

// Progress goes to stderr, so stdout is the status table alone.
using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
    .AddSimpleConsole(console =>
    {
        console.SingleLine = true;
        console.IncludeScopes = false;
        console.TimestampFormat = "HH:mm:ss ";
        console.ColorBehavior = LoggerColorBehavior.Disabled;
    })
    .AddFilter((_, level) => level >= LogLevel.Information));

LocalServers servers;
IReadOnlyList<ILocalResource> selected;
try
{
    servers = LocalServers.FromEnvironment(loggerFactory);
    selected = args.Length == 1 ? servers.Resources : [.. args.Skip(1).Select(servers.Get)];
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    switch (args[0])
    {
        case "start":
            await servers.StartAsync(selected, cancellation.Token);
            break;
        case "stop":
            await servers.StopAsync(selected, cancellation.Token);
            break;
    }
}
catch (Exception e) when (e is LocalResourceException or AggregateException)
{
    var failures = e is AggregateException aggregate ? aggregate.InnerExceptions : [e];
    foreach (var failure in failures)
    {
        Console.Error.WriteLine(failure.Message);
    }

    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}

var statuses = await Task.WhenAll(selected.Select(resource => resource.GetStatusAsync(cancellation.Token)));
Console.Out.Write(StatusTable.Format(statuses, servers.Options.StateDirectory));
return args[0] == "status" && statuses.Any(status => status.State != ResourceState.Running) ? 3 : 0;
