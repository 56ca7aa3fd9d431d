namespace Actors.Hocon.Tests;

/// <summary>Substitutions: forward lookups, optional ones, the environment, self-references, += and cycles.</summary>
public sealed class SubstitutionTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["HOME"] = "/home/actors",
        ["EMPTY"] = string.Empty,
        ["PORT"] = "9000",
        ["a.b"] = "dotted",
    };

    [Fact]
    public void Substitutions_look_forward_to_the_final_value()
    {
        var config = TestHocon.Parse("x = ${y}\ny = 1\ny = 2");
        Assert.Equal(2, config.GetInt("x"));
    }

    [Fact]
    public void A_lone_substitution_keeps_the_type_of_its_target()
    {
        var config = TestHocon.Parse("a = { b = [1, 2] }\nc = ${a}\nd = ${a.b}\ne = ${f}\nf = true");
        Assert.Equal("""{"b":[N"1",N"2",],}""", TestHocon.Canonical(config.GetConfig("c")));
        Assert.Equal(["1", "2"], config.GetStringList("d"));
        Assert.True(config.GetBoolean("e"));
    }

    [Fact]
    public void Substitutions_join_strings_and_are_not_expanded_inside_quotes()
    {
        var config = TestHocon.Parse("animal = dog\na = ${animal} is my favourite\nb = ${animal}\" is mine\"\nc = \"${animal}\"");
        Assert.Equal("dog is my favourite", config.GetString("a"));
        Assert.Equal("dog is mine", config.GetString("b"));
        Assert.Equal("${animal}", config.GetString("c"));
    }

    [Fact]
    public void Undefined_required_substitution_is_an_error_at_its_line()
    {
        var error = TestHocon.ParseFails("a = 1\nb = ${missing.path}");
        Assert.Equal(2, error.Origin!.Line);
        Assert.Contains("${missing.path}", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("test.conf:2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_optional_substitution_drops_the_field_or_keeps_the_earlier_value()
    {
        var config = TestHocon.Parse("a = ${?nope}\nb = 10\nb = ${?nope}\nc = ${?nope}${?nope2}\nd = [1, ${?nope}, 2]\ne = x${?nope}y");
        Assert.False(config.HasPath("a"));
        Assert.Equal(10, config.GetInt("b"));
        Assert.False(config.HasPath("c"));
        Assert.Equal(["1", "2"], config.GetStringList("d"));
        Assert.Equal("xy", config.GetString("e"));
    }

    [Fact]
    public void Missing_paths_fall_back_to_environment_variables_but_set_ones_win()
    {
        var config = TestHocon.Parse("home = ${HOME}\nport = 8000\nport = ${?PORT}\ndotted = ${a.b}\nempty = x\nempty = ${?EMPTY}", Environment);
        Assert.Equal("/home/actors", config.GetString("home"));
        Assert.Equal(9000, config.GetInt("port"));
        Assert.Equal("dotted", config.GetString("dotted"));
        Assert.Equal("x", config.GetString("empty")); // an empty variable counts as unset
        Assert.Equal("environment variable PORT", config.GetOrigin("port").Detail);
    }

    [Fact]
    public void A_value_set_to_null_blocks_the_environment()
    {
        var config = TestHocon.Parse("HOME = null\nh = ${HOME}x", Environment);
        Assert.Equal("x", config.GetString("h"));
    }

    [Fact]
    public void Self_reference_builds_on_the_earlier_value()
    {
        var config = TestHocon.Parse("path = \"a:b:c\"\npath = ${path}\":d\"\nlist = [1]\nlist = ${list} [2]\nobj { a = 1 }\nobj = ${obj} { b = 2 }");
        Assert.Equal("a:b:c:d", config.GetString("path"));
        Assert.Equal(["1", "2"], config.GetStringList("list"));
        Assert.Equal("""{"a":N"1","b":N"2",}""", TestHocon.Canonical(config.GetConfig("obj")));
    }

    [Fact]
    public void Self_reference_inside_a_nested_object_uses_the_full_path()
    {
        var config = TestHocon.Parse("a { b { c = x } }\na { b { c = ${a.b.c}y } }");
        Assert.Equal("xy", config.GetString("a.b.c"));
    }

    [Fact]
    public void Self_reference_through_a_longer_path_sees_the_value_below()
    {
        var config = TestHocon.Parse("foo { a { c = 1 } }\nfoo = ${foo.a}\nfoo { a = 2 }");
        Assert.Equal("""{"a":N"2","c":N"1",}""", TestHocon.Canonical(config.GetConfig("foo")));
    }

    [Fact]
    public void Self_reference_without_an_earlier_value_is_undefined_not_a_cycle()
    {
        Assert.Contains("has no earlier value", TestHocon.ParseFails("foo = ${foo}").Message, StringComparison.Ordinal);
        Assert.False(TestHocon.Parse("foo = ${?foo}").HasPath("foo"));
        Assert.Equal("foo", TestHocon.Parse("a = ${?a}foo").GetString("a"));
    }

    [Fact]
    public void Self_reference_falls_back_to_the_environment()
    {
        Assert.Equal("/home/actors/bin", TestHocon.Parse("HOME = ${HOME}/bin", Environment).GetString("HOME"));
    }

    [Fact]
    public void A_value_hidden_by_a_later_non_object_is_never_evaluated()
    {
        Assert.Equal(42, TestHocon.Parse("foo = ${does-not-exist}\nfoo = 42").GetInt("foo"));
        Assert.Equal(42, TestHocon.Parse("foo = ${foo}\nfoo = 42").GetInt("foo"));
    }

    [Fact]
    public void Plus_equals_appends_to_an_earlier_array_or_starts_one()
    {
        var config = TestHocon.Parse("a += 1\na += 2\nb = [x]\nb += y\nc { d = [1] }\nc { d += 2 }\ne += [1, 2]");
        Assert.Equal(["1", "2"], config.GetStringList("a"));
        Assert.Equal(["x", "y"], config.GetStringList("b"));
        Assert.Equal(["1", "2"], config.GetStringList("c.d"));
        Assert.Equal("""[[N"1",N"2",],]""", TestHocon.Canonical(config.Root.Fields.Last().Value));
    }

    [Fact]
    public void Plus_equals_onto_a_non_array_is_an_error()
    {
        TestHocon.ParseFails("a = 1\na += 2");
    }

    [Fact]
    public void Objects_may_refer_to_their_own_fields()
    {
        var config = TestHocon.Parse("bar { foo = 42, baz = ${bar.foo} }\nbar { foo = 43 }");
        Assert.Equal(43, config.GetInt("bar.baz"));
    }

    [Fact]
    public void Objects_may_refer_to_each_other()
    {
        var config = TestHocon.Parse("bar { a = ${foo.d}, b = 1 }\nbar.b = 3\nfoo { c = ${bar.b}, d = 2 }\nfoo.d = 4");
        Assert.Equal(4, config.GetInt("bar.a"));
        Assert.Equal(3, config.GetInt("foo.c"));
    }

    [Fact]
    public void Object_inheritance_through_substitution()
    {
        var config = TestHocon.Parse("generic { size = 6, name = any }\neast = ${generic} { name = east }");
        Assert.Equal("""{"size":N"6","name":S"east",}""", TestHocon.Canonical(config.GetConfig("east")));
    }

    [Theory]
    [InlineData("a = ${b}\nb = ${a}")]
    [InlineData("a = ${b}\nb = ${c}\nc = ${a}")]
    [InlineData("a { b = ${a} }")]
    [InlineData("a = [${a}]")]
    public void Cycles_are_errors_with_a_location(string text)
    {
        var error = TestHocon.ParseFails(text);
        Assert.NotNull(error.Origin);
        Assert.StartsWith("test.conf:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_substitution_that_resolves_to_null_joins_strings_as_nothing()
    {
        Assert.Equal("ab", TestHocon.Parse("n = null\ns = a${n}b").GetString("s"));
    }

    [Fact]
    public void Every_occurrence_of_the_same_value_resolves_the_same_way()
    {
        var config = TestHocon.Parse("a = 1\nb = 2\na = ${b}\nb = ${a}");
        Assert.Equal(config.GetString("a"), config.GetString("b"));
    }

    [Fact]
    public void A_long_chain_of_substitutions_fails_cleanly_instead_of_overflowing_the_stack()
    {
        var text = string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk5000 = end";
        var error = TestHocon.ParseFails(text);
        Assert.NotNull(error.Origin);
    }
}
