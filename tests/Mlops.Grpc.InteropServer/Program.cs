using System.Globalization;
using Mlops.Grpc.InteropServer;

var port = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50051;
var app = InteropServerHost.Build(port, args.Skip(1).ToArray());
await app.StartAsync();
Console.WriteLine($"LISTENING {InteropServerHost.Address(app).Port}");
await app.WaitForShutdownAsync();
