using BenchmarkDotNet.Running;

// Every benchmark in this assembly is discoverable; pick with --filter, e.g. --filter '*TwoArm*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
