namespace Experimentation.Statistics.Tests.Simulation;

/// <summary>Random variates for the simulations, from a seeded <see cref="Random"/> so every run is the same.</summary>
internal static class Sampling
{
    /// <summary>Standard normal by Box–Muller (one of the pair; simulations here are not bound by draws).</summary>
    public static double Gaussian(this Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Exponential with the given mean.</summary>
    public static double Exponential(this Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    /// <summary>Gamma(shape, scale) for shape ≥ 1 by Marsaglia and Tsang's squeeze.</summary>
    public static double Gamma(this Random random, double shape, double scale)
    {
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = random.Gaussian(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = 1 - random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v * scale;
        }
    }

    /// <summary>
    /// Poisson by Knuth's product of uniforms, in pieces of mean at most 10 (a sum of independent Poissons is Poisson),
    /// so exp(−mean) never underflows and the cost stays about mean + 1 uniforms.
    /// </summary>
    public static int Poisson(this Random random, double mean)
    {
        int count = 0;
        while (mean > 0)
        {
            double piece = Math.Min(mean, 10);
            mean -= piece;
            double limit = Math.Exp(-piece), product = random.NextDouble();
            while (product > limit)
            {
                count++;
                product *= random.NextDouble();
            }
        }
        return count;
    }
}
