namespace Experimentation.Client.Exposures;

/// <summary>A batch of exposures that a sink has given up on. It never reaches the code that assigns.</summary>
public sealed class ExposureDeliveryException(string message) : Exception(message);
