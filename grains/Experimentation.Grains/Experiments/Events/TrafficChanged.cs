namespace Experimentation.Grains.Experiments.Events;

public sealed record TrafficChanged(double Percent, DateTimeOffset At);
