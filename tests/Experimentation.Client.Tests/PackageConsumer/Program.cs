using Experimentation.Client;
using Experimentation.Client.Orleans;

// Usage: PackageConsumer GATEWAY_URL EXPERIMENT USER. Prints the variant (or the reason for the default) and the
// config version, as a service built on the packages alone would see them.
await using var client = ExperimentationClient.ForServer(new Uri(args[0]));
await client.StartAsync();
var assignment = client.Assign(args[1], args[2]);
Console.WriteLine($"{(assignment.IsAssigned ? assignment.VariantKey : assignment.Reason.ToString())} {client.Version}");
// Embedded mode comes from its own package; naming its entry point proves that package restores and links.
Console.WriteLine(typeof(EmbeddedExperimentationClient).Assembly.GetName().Name);
