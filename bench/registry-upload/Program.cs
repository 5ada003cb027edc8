using Mlops.Bench.RegistryUpload;

// One run, two measurements of the same bytes: the blob client alone, then through the registry. See bench/README.md.
var settings = BenchSettings.FromEnvironment();
await using var bench = await UploadBench.StartAsync(settings);
var report = await bench.RunAsync();
report.Print(Console.Out);
