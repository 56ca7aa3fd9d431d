using System.Globalization;
using Actors.Hocon.Syntax;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Hocon.Tests;

/// <summary>Rendering a tree and parsing the text gives the same tree, for generated trees.</summary>
public sealed class RoundTripPropertyTests
{
    private static readonly ConfigOrigin Nowhere = new("generated", 1);

    [Fact]
    public void Rendered_hocon_parses_back_to_the_same_tree()
    {
        var property = Prop.ForAll(Trees().ToArbitrary(), tree =>
        {
            var expected = TestHocon.Canonical(tree);
            var plain = TestHocon.Canonical(TestHocon.Parse(HoconRenderer(tree, includeOrigins: false)));
            var annotated = TestHocon.Canonical(TestHocon.Parse(HoconRenderer(tree, includeOrigins: true)));
            return expected == plain && expected == annotated;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Rendering_a_parsed_example_is_stable()
    {
        foreach (var file in Directory.GetFiles(TestHocon.HoconDirectory(), "*.conf"))
        {
            var once = HoconConfig.ParseFile(file);
            var twice = TestHocon.Parse(once.ToHocon());
            Assert.Equal(TestHocon.Canonical(once), TestHocon.Canonical(twice));
        }
    }

    private static string HoconRenderer(HoconObject tree, bool includeOrigins) =>
        Actors.Hocon.Rendering.HoconRenderer.Render(tree, includeOrigins);

    private static Gen<HoconObject> Trees() => Gen.Sized(size => Object(Math.Min(size / 10, 3)));

    private static Gen<HoconObject> Object(int depth) =>
        Gen.ListOf(Gen.Zip(Keys(), Value(depth)), Math.Min(depth + 3, 6)).Select(fields =>
        {
            var obj = new HoconObject(Nowhere);
            foreach (var (key, value) in fields)
            {
                obj.Set(key, value);
            }

            return obj;
        });

    private static Gen<HoconNode> Value(int depth)
    {
        var scalar = Scalars();
        if (depth <= 0)
        {
            return scalar;
        }

        return Gen.Frequency(
            (6, scalar),
            (2, Object(depth - 1).Select(o => (HoconNode)o)),
            (2, Gen.ListOf(Value(depth - 1), 4).Select(items => (HoconNode)new HoconArray(Nowhere, items))));
    }

    private static Gen<HoconNode> Scalars() => Gen.OneOf(
        Text().Select(s => (HoconNode)new HoconScalar(ScalarKind.String, s, Nowhere)),
        Numbers().Select(n => (HoconNode)new HoconScalar(ScalarKind.Number, n, Nowhere)),
        Gen.Elements("true", "false").Select(b => (HoconNode)new HoconScalar(ScalarKind.Boolean, b, Nowhere)),
        Gen.Constant((HoconNode)HoconScalar.Null(Nowhere)));

    private static Gen<string> Numbers() => Gen.OneOf(
        Gen.Choose(-1_000_000, 1_000_000).Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Choose(-100_000, 100_000).Select(i => (i / 64.0).ToString("R", CultureInfo.InvariantCulture)),
        Gen.Elements("0", "-0", "1e5", "2.5E-3", "1.0", "9223372036854775807", "123456789012345678901234567890"));

    // Characters that stress quoting: HOCON syntax, escapes, whitespace kinds, non-ASCII.
    private static Gen<string> Text() =>
        Gen.Elements("a", "Z", "0", "-", "_", ".", " ", "\t", "\n", "\r", "\"", "\\", "$", "{", "}", "[", "]", ":", "=", ",", "+", "#", "/", "?", "*", "\u00e9", "\u4e2d", "\u00a0", "\u0001", "\u2028", "include", "true", "null", "${x}", "\"\"\"")
            .ListOf(8)
            .Select(parts => string.Concat(parts));

    private static Gen<string> Keys() => Gen.Frequency(
        (3, Gen.Elements("a", "b", "key", "row-group-size", "x_1")),
        (1, Text()));
}
