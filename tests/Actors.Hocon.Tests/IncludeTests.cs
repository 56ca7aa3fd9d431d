namespace Actors.Hocon.Tests;

/// <summary>include "file", file(...), required(...): relative paths, merging, fix-up of substitutions, failures.</summary>
public sealed class IncludeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Included_keys_merge_in_place_and_later_keys_override_them()
    {
        _dir.Write("conf/base.conf", "a = 1\nb { x = 1 }\n");
        var main = _dir.Write("conf/main.conf", "a = 0\ninclude \"base.conf\"\nb { y = 2 }\n");
        var config = HoconConfig.ParseFile(main);
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal("""{"x":N"1","y":N"2",}""", TestHocon.Canonical(config.GetConfig("b")));
        Assert.EndsWith("base.conf", config.GetOrigin("a").Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_includes_resolve_against_the_including_file_not_the_working_directory()
    {
        _dir.Write("a/b/leaf.conf", "leaf = yes");
        _dir.Write("a/middle.conf", "include file(\"b/leaf.conf\")\nmiddle = yes");
        var main = _dir.Write("main.conf", "include required( file( \"a/middle.conf\" ) )");
        var config = HoconConfig.ParseFile(main);
        Assert.Equal("yes", config.GetString("leaf"));
        Assert.Equal("yes", config.GetString("middle"));
    }

    [Fact]
    public void A_missing_include_is_ignored_unless_required()
    {
        var optional = _dir.Write("optional.conf", "include \"nope.conf\"\na = 1");
        Assert.Equal(1, HoconConfig.ParseFile(optional).GetInt("a"));

        var required = _dir.Write("required.conf", "a = 1\n\ninclude required(\"nope.conf\")");
        var error = Assert.Throws<ConfigurationException>(() => HoconConfig.ParseFile(required));
        Assert.StartsWith(required + ":3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("nope.conf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_without_extension_loads_json_then_conf()
    {
        _dir.Write("both.json", """{ "a": 1, "b": 1 }""");
        _dir.Write("both.conf", "b = 2");
        var config = HoconConfig.ParseFile(_dir.Write("main.conf", "include \"both\""));
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Substitutions_in_an_included_file_are_fixed_up_to_the_include_point_then_tried_from_the_root()
    {
        _dir.Write("foo.conf", "x = 10\ny = ${x}\nz = ${top}");
        var config = HoconConfig.ParseFile(_dir.Write("main.conf", "top = root-value\na { include \"foo.conf\" }\na { x = 42 }"));
        Assert.Equal(42, config.GetInt("a.y"));
        Assert.Equal("root-value", config.GetString("a.z"));
    }

    [Fact]
    public void Plus_equals_in_an_included_file_appends_at_the_include_point()
    {
        _dir.Write("more.conf", "items += b");
        var config = HoconConfig.ParseFile(_dir.Write("main.conf", "s { items = [a]\ninclude \"more.conf\" }"));
        Assert.Equal(["a", "b"], config.GetStringList("s.items"));
    }

    [Fact]
    public void Include_cycles_are_errors_naming_the_files()
    {
        _dir.Write("one.conf", "include \"two.conf\"");
        _dir.Write("two.conf", "include \"one.conf\"");
        var error = Assert.Throws<ConfigurationException>(() => HoconConfig.ParseFile(Path.Combine(_dir.Path, "one.conf")));
        Assert.Contains("include cycle: one.conf -> two.conf -> one.conf", error.Message, StringComparison.Ordinal);
        Assert.Contains("two.conf:1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_included_array_root_is_an_error_in_the_included_file()
    {
        _dir.Write("list.conf", "\n[1, 2]");
        var error = Assert.Throws<ConfigurationException>(() => HoconConfig.ParseFile(_dir.Write("main.conf", "include \"list.conf\"")));
        Assert.Contains("list.conf:2:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("include url(\"http://example.com/a.conf\")")]
    [InlineData("include \"https://example.com/a.conf\"")]
    [InlineData("include classpath(\"a.conf\")")]
    [InlineData("include file(a.conf)")]
    [InlineData("include 42")]
    [InlineData("include")]
    [InlineData("include required(\"a.conf\"")]
    public void Unsupported_or_malformed_includes_are_errors(string text)
    {
        var error = Assert.Throws<ConfigurationException>(() => HoconConfig.ParseFile(_dir.Write("main.conf", text)));
        Assert.Contains("main.conf:1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_url_is_a_file_include()
    {
        var target = _dir.Write("target.conf", "a = 7");
        var config = HoconConfig.ParseFile(_dir.Write("main.conf", $"include \"{new Uri(target).AbsoluteUri}\""));
        Assert.Equal(7, config.GetInt("a"));
    }
}
