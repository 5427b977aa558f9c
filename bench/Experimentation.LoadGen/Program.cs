using Experimentation.LoadGen;

// Usage (docs/benchmarks.md, "Ingestion"):
//   dotnet run -c Release --project bench/Experimentation.LoadGen -- --url http://127.0.0.1:18080 --postgres "<conn>" --events 1000000
//   dotnet run -c Release --project bench/Experimentation.LoadGen -- --mode memory --events 200000
var options = LoadOptions.Parse(args);
if (options.Mode == "memory")
{
    ShardMemory.Report((int)options.Events);
    SketchMemory.Report();
    ClusterScan.Report();
    return;
}
await new IngestLoad(options).RunAsync();
