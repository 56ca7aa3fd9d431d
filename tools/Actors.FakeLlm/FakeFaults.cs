using System.Globalization;

namespace Actors.FakeLlm;

/// <summary>
/// Fault rates. 500, 429, hang, reset and malformed are drawn once per HTTP request (a batch fails together);
/// empty and length are drawn per choice, so each is the per-prompt rate either way.
/// </summary>
internal sealed record FakeFaults
{
    public static FakeFaults None { get; } = new();

    public double ServerError { get; init; }

    public double RateLimited { get; init; }

    public double Hang { get; init; }

    public double Reset { get; init; }

    public double Malformed { get; init; }

    public double Empty { get; init; }

    public double Length { get; init; }

    /// <summary>Every fault at the same rate.</summary>
    public static FakeFaults All(double rate) => new()
    {
        ServerError = rate, RateLimited = rate, Hang = rate, Reset = rate, Malformed = rate, Empty = rate, Length = rate,
    };

    /// <summary>One fault at a rate.</summary>
    public static FakeFaults Only(FakeFaultKind kind, double rate) => None.With(kind, rate);

    public FakeFaults With(FakeFaultKind kind, double rate) => kind switch
    {
        FakeFaultKind.ServerError => this with { ServerError = rate },
        FakeFaultKind.RateLimited => this with { RateLimited = rate },
        FakeFaultKind.Hang => this with { Hang = rate },
        FakeFaultKind.Reset => this with { Reset = rate },
        FakeFaultKind.Malformed => this with { Malformed = rate },
        FakeFaultKind.Empty => this with { Empty = rate },
        FakeFaultKind.Length => this with { Length = rate },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public double Rate(FakeFaultKind kind) => kind switch
    {
        FakeFaultKind.ServerError => ServerError,
        FakeFaultKind.RateLimited => RateLimited,
        FakeFaultKind.Hang => Hang,
        FakeFaultKind.Reset => Reset,
        FakeFaultKind.Malformed => Malformed,
        FakeFaultKind.Empty => Empty,
        FakeFaultKind.Length => Length,
        _ => 0,
    };

    /// <summary>Parses <c>500=0.02,429=0.02,hang=0.01,reset=0.01,malformed=0.01,empty=0.01,length=0.01</c>.</summary>
    /// <exception cref="FormatException">An unknown name or a rate outside [0, 1].</exception>
    public static FakeFaults Parse(string text)
    {
        var faults = None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate is < 0 or > 1)
            {
                throw new FormatException($"--faults: '{part}' is not NAME=RATE with a rate between 0 and 1");
            }

            faults = faults.With(KindOf(pair[0]), rate);
        }

        return faults;
    }

    public static string NameOf(FakeFaultKind kind) => kind switch
    {
        FakeFaultKind.ServerError => "500",
        FakeFaultKind.RateLimited => "429",
        FakeFaultKind.Hang => "hang",
        FakeFaultKind.Reset => "reset",
        FakeFaultKind.Malformed => "malformed",
        FakeFaultKind.Empty => "empty",
        FakeFaultKind.Length => "length",
        _ => kind.ToString(),
    };

    private static FakeFaultKind KindOf(string name) =>
        Enum.GetValues<FakeFaultKind>().FirstOrDefault(k => NameOf(k) == name, (FakeFaultKind)(-1)) is var kind && kind >= 0
            ? kind
            : throw new FormatException($"--faults: unknown fault '{name}'; use 500, 429, hang, reset, malformed, empty, length");
}
