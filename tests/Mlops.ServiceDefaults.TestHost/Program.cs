using Microsoft.AspNetCore.Server.Kestrel.Core;
using Mlops.Grpc.Server;
using Mlops.ServiceDefaults;
using Mlops.ServiceDefaults.TestHost;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
builder.Services.AddGrpcServer();
builder.Services.AddSingleton<NextService>();

var app = builder.Build();
app.MapGrpcService<RelayService>();
app.MapGrpcHealthService();
app.MapDefaultEndpoints();

await app.StartAsync();
Console.WriteLine($"LISTENING {new Uri(app.Urls.First()).Port}");
await app.WaitForShutdownAsync();
