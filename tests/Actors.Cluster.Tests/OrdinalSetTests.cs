using FsCheck;
using FsCheck.Fluent;

namespace Actors.Cluster.Tests;

public sealed class OrdinalSetTests
{
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>Small ordinals so that random sets overlap, touch and leave gaps.</summary>
    private static Arbitrary<long[]> Ordinals => Gen.Choose(0, 200).Select(i => (long)i).ArrayOf().ToArbitrary();

    [Fact]
    public void Union_EqualsTheSetUnion()
    {
        Prop.ForAll(Ordinals, Ordinals, (a, b) =>
        {
            var union = OrdinalSet.Of(a).Union(OrdinalSet.Of(b));
            return Model(union).SetEquals(a.Concat(b)) && IsCanonical(union);
        }).Check(s_config);
    }

    [Fact]
    public void Except_EqualsTheSetDifference()
    {
        Prop.ForAll(Ordinals, Ordinals, (a, b) =>
        {
            var difference = OrdinalSet.Of(a).Except(OrdinalSet.Of(b));
            return Model(difference).SetEquals(a.Except(b)) && IsCanonical(difference);
        }).Check(s_config);
    }

    [Fact]
    public void ContainsCountOverlaps_AgreeWithAHashSet()
    {
        Prop.ForAll(Ordinals, Ordinals, (a, b) =>
        {
            var set = OrdinalSet.Of(a);
            var model = a.ToHashSet();
            return set.Count == model.Count
                && Enumerable.Range(-1, 203).All(i => set.Contains(i) == model.Contains(i))
                && set.Overlaps(OrdinalSet.Of(b)) == model.Overlaps(b)
                && set.IsSupersetOf(OrdinalSet.Of(b)) == model.IsSupersetOf(b);
        }).Check(s_config);
    }

    [Fact]
    public void Builder_AnyInsertionOrder_GivesTheSameCanonicalSet()
    {
        Prop.ForAll(Ordinals, ordinals =>
        {
            var forward = new OrdinalSetBuilder();
            var backward = new OrdinalSetBuilder();
            foreach (var o in ordinals)
            {
                forward.Add(o);
            }

            foreach (var o in ordinals.Reverse())
            {
                backward.Add(o);
            }

            var set = forward.ToOrdinalSet();
            return set.Equals(backward.ToOrdinalSet()) && forward.Count == ordinals.Distinct().Count() && IsCanonical(set)
                && Model(set).SetEquals(ordinals);
        }).Check(s_config);
    }

    [Fact]
    public void BytesAndText_RoundTrip()
    {
        Prop.ForAll(Ordinals, ordinals =>
        {
            var set = OrdinalSet.Of(ordinals);
            return OrdinalSet.FromBytes(set.ToBytes()).Equals(set) && OrdinalSet.Parse(set.ToString()).Equals(set);
        }).Check(s_config);
    }

    [Fact]
    public void ContiguousMillions_StayOneRangeAndAFewBytes()
    {
        var builder = new OrdinalSetBuilder();
        for (long i = 0; i < 1_000_000; i++)
        {
            builder.Add(i);
        }

        var set = builder.ToOrdinalSet();

        Assert.Single(set.Ranges);
        Assert.Equal(1_000_000, set.Count);
        Assert.True(set.ToBytes().Length <= 6, $"{set.ToBytes().Length} bytes");
        Assert.Equal("0-999999", set.ToString());
        Assert.Equal(0, set.Min);
        Assert.Equal(999_999, set.Max);
    }

    [Fact]
    public void Text_IsInclusiveRanges()
    {
        var set = OrdinalSet.Parse(" 7, 0-3,4 ,10-12");

        Assert.Equal("0-4,7,10-12", set.ToString());
        Assert.Equal(9, set.Count);
        Assert.Equal(OrdinalSet.Empty, OrdinalSet.Parse(""));
        Assert.Throws<FormatException>(() => OrdinalSet.Parse("3-1"));
        Assert.Throws<FormatException>(() => OrdinalSet.Parse("-1"));
        Assert.Throws<FormatException>(() => OrdinalSet.Parse("x"));
    }

    [Fact]
    public void FromBytes_RejectsCorruptData()
    {
        var valid = OrdinalSet.Parse("0-9,20-29").ToBytes();

        Assert.Throws<FormatException>(() => OrdinalSet.FromBytes([]));
        Assert.Throws<FormatException>(() => OrdinalSet.FromBytes([9, 0]));
        Assert.Throws<FormatException>(() => OrdinalSet.FromBytes(valid.AsSpan(0, valid.Length - 1)));
        Assert.Throws<FormatException>(() => OrdinalSet.FromBytes([.. valid, 0]));
        Assert.Throws<FormatException>(() => OrdinalSet.FromBytes([1, 2, 0, 5, 0, 5])); // second range touches the first
        Assert.Throws<FormatException>(() => OrdinalSet.FromBytes([1, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 1]));
    }

    [Fact]
    public void Arguments_AreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OrdinalSet.Of(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrdinalRange(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrdinalSet.FromRange(5, 4));
        Assert.Throws<InvalidOperationException>(() => OrdinalSet.Empty.Min);
        Assert.Equal(OrdinalSet.Empty, OrdinalSet.FromRange(3, 3));
        Assert.Equal(OrdinalSet.Parse("0-9"), OrdinalSet.FromRanges([new OrdinalRange(5, 10), new OrdinalRange(0, 6)]));
    }

    private static HashSet<long> Model(OrdinalSet set) =>
        set.Ranges.SelectMany(r => Enumerable.Range((int)r.Start, (int)r.Count).Select(i => (long)i)).ToHashSet();

    private static bool IsCanonical(OrdinalSet set) =>
        set.Ranges.Zip(set.Ranges.Skip(1)).All(pair => pair.First.End < pair.Second.Start);
}
