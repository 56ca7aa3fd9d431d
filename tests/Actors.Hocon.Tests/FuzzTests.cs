using FsCheck;
using FsCheck.Fluent;

namespace Actors.Hocon.Tests;

/// <summary>Whatever the input, failure is a ConfigurationException with a location, never another exception.</summary>
public sealed class FuzzTests : IDisposable
{
    private static readonly string[] Alphabet =
    [
        "a", "b", "1", "0", "-", ".", "e", " ", "\n", "\t", "\"", "\"\"\"", "\\", "{", "}", "[", "]", ":", "=", ",", "+=", "+",
        "#", "//", "$", "${", "${?", "?", "include ", "required(", "file(", ")", "null", "true", "10 s", "64MiB", "\u00e9", "\u0000",
    ];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Random_token_soup_fails_only_with_located_configuration_errors()
    {
        var soup = Gen.Elements(Alphabet).ListOf(60).Select(parts => string.Concat(parts));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(soup.ToArbitrary(), text => ParsesOrFailsWithLocation(text)));
    }

    [Fact]
    public void Mutated_example_files_fail_only_with_located_configuration_errors()
    {
        var examples = Directory.GetFiles(TestHocon.HoconDirectory(), "*.conf").Select(File.ReadAllText).ToArray();
        var mutation = Gen.Zip(Gen.Choose(0, 4), Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Elements(Alphabet)));
        var mutants = Gen.Zip(Gen.Elements(examples), mutation.ListOf(6))
            .Select(pair => Mutate(pair.Item1, pair.Item2));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), Prop.ForAll(mutants.ToArbitrary(), text =>
        {
            // Through Load, so validation against reference.conf and open-map templates are exercised too.
            var file = Path.Combine(_dir.Path, "mutant.conf");
            File.WriteAllText(file, text);
            return Fails(() => TestHocon.Load(file));
        }));
    }

    [Theory]
    [InlineData(100_000, "[")]
    [InlineData(100_000, "{")]
    [InlineData(100_000, "a {")]
    public void Deep_nesting_is_refused_instead_of_overflowing_the_stack(int repeat, string unit)
    {
        var text = "x = " + string.Concat(Enumerable.Repeat(unit, repeat));
        var error = Assert.Throws<ConfigurationException>(() => TestHocon.Parse(text));
        Assert.Equal(1, error.Origin!.Line);
    }

    [Fact]
    public void Very_long_dotted_keys_are_refused()
    {
        var text = string.Concat(Enumerable.Repeat("a.", 100_000)) + "b = 1";
        Assert.Equal(1, Assert.Throws<ConfigurationException>(() => TestHocon.Parse(text)).Origin!.Line);
    }

    private static string Mutate(string text, List<(int Kind, (int Position, string Token) Where)> edits)
    {
        foreach (var (kind, (position, token)) in edits)
        {
            if (text.Length == 0)
            {
                return token;
            }

            var at = position % text.Length;
            text = kind switch
            {
                0 => text.Remove(at, 1),
                1 => text.Insert(at, token),
                2 => text[..at],
                3 => text.Insert(at, text[at..Math.Min(text.Length, at + 40)]),
                _ => text.Remove(at, Math.Min(10, text.Length - at)),
            };
        }

        return text;
    }

    private bool ParsesOrFailsWithLocation(string text) => Fails(() => TestHocon.Parse(text, directory: _dir.Path));

    private static bool Fails(Func<HoconConfig> load)
    {
        try
        {
            var config = load();
            _ = config.ToJson();
            _ = config.ToHocon();
            return true;
        }
        catch (ConfigurationException e)
        {
            return e.Origin is { Line: >= 1 } origin && e.Message.StartsWith(origin.Source + ":", StringComparison.Ordinal);
        }
    }
}
