using Experimentation.Propagation;

// Usage: dotnet run -c Release --project bench/Experimentation.Propagation -- [--url http://127.0.0.1:8080] [--changes 100]
var settings = PropagationSettings.Parse(args);
if (settings.Error is { } error)
{
    Console.Error.WriteLine(error);
    return 2;
}
using var stop = new CancellationTokenSource(PropagationSettings.MaxRunTime);
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await PropagationRun.ExecuteAsync(settings, Console.Out, stop.Token);
