namespace Actors.Corpus.Cleaning;

/// <summary>
/// Chooses the LSH banding (b bands of r rows, b*r at most the number of permutations) for a Jaccard threshold t:
/// the pair that minimises the mean of the false-positive area (probability of becoming a candidate, integrated
/// over similarities below t) and the false-negative area (probability of being missed, integrated above t).
/// A pair of similarity s becomes a candidate with probability 1 - (1 - s^r)^b.
/// </summary>
internal static class LshBands
{
    private const int Steps = 200;

    // The search costs a few hundred thousand Math.Pow calls; cleaners are created per run and per shard.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(double, int), (int, int)> s_chosen = new();

    public static (int Bands, int Rows) Choose(double threshold, int permutations) =>
        s_chosen.GetOrAdd((threshold, permutations), static key => Search(key.Item1, key.Item2));

    private static (int Bands, int Rows) Search(double threshold, int permutations)
    {
        var best = (Bands: 1, Rows: permutations);
        var bestError = double.MaxValue;
        for (var bands = 1; bands <= permutations; bands++)
        {
            for (var rows = 1; rows * bands <= permutations; rows++)
            {
                var falsePositive = Integrate(s => Candidate(s, bands, rows), 0, threshold);
                var falseNegative = Integrate(s => 1 - Candidate(s, bands, rows), threshold, 1);
                var error = 0.5 * falsePositive + 0.5 * falseNegative;
                if (error < bestError - 1e-12)
                {
                    bestError = error;
                    best = (bands, rows);
                }
            }
        }

        return best;
    }

    public static double Candidate(double similarity, int bands, int rows) => 1 - Math.Pow(1 - Math.Pow(similarity, rows), bands);

    private static double Integrate(Func<double, double> f, double a, double b)
    {
        // Simpson's rule; Steps is even.
        if (b <= a)
        {
            return 0;
        }

        var h = (b - a) / Steps;
        var sum = f(a) + f(b);
        for (var i = 1; i < Steps; i++)
        {
            sum += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
        }

        return sum * h / 3;
    }
}
