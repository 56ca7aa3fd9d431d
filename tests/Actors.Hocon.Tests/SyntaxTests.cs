namespace Actors.Hocon.Tests;

/// <summary>Syntax rules of the HOCON specification, restated as our own cases.</summary>
public sealed class SyntaxTests
{
    [Fact]
    public void Json_documents_parse_to_the_same_tree()
    {
        var config = TestHocon.Parse("""{ "name": "run", "n": 3, "ratio": 0.5, "on": true, "none": null, "list": [1, "two", false] }""");
        Assert.Equal("""{"name":S"run","n":N"3","ratio":N"0.5","on":B"true","none":Z"null","list":[N"1",S"two",B"false",],}""", TestHocon.Canonical(config));
    }

    [Fact]
    public void Root_braces_are_optional_and_equals_colon_and_brace_all_separate_keys()
    {
        var braced = TestHocon.Parse("{ a : 1, b = 2, c { d = 3 } }");
        var bare = TestHocon.Parse("a = 1\nb : 2\nc { d : 3 }");
        Assert.Equal(TestHocon.Canonical(braced), TestHocon.Canonical(bare));
        Assert.Equal(3, bare.GetInt("c.d"));
    }

    [Fact]
    public void An_empty_document_is_an_empty_object()
    {
        Assert.Empty(TestHocon.Parse("  # only a comment\n").Keys);
    }

    [Fact]
    public void Both_comment_styles_run_to_the_end_of_the_line_but_not_inside_quotes()
    {
        var config = TestHocon.Parse("a = 1 # first\nb = 2 // second\nc = \"# kept // too\"\nd = x//y");
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal("# kept // too", config.GetString("c"));
        Assert.Equal("x", config.GetString("d"));
    }

    [Fact]
    public void New_lines_replace_commas_and_one_trailing_comma_is_allowed()
    {
        var withCommas = TestHocon.Parse("a = [1, 2, 3]");
        Assert.Equal(TestHocon.Canonical(withCommas), TestHocon.Canonical(TestHocon.Parse("a = [\n1\n2\n3\n]")));
        Assert.Equal(TestHocon.Canonical(withCommas), TestHocon.Canonical(TestHocon.Parse("a = [1, 2, 3,]")));
        Assert.Equal(2, TestHocon.Parse("x = 1,\ny = 2,").GetInt("y"));
    }

    [Theory]
    [InlineData("a = [1, 2,,]")]
    [InlineData("a = [,1]")]
    [InlineData("a = [1,,2]")]
    [InlineData("{ a = 1,, b = 2 }")]
    [InlineData("{ , a = 1 }")]
    public void Extra_commas_are_errors(string text)
    {
        TestHocon.ParseFails(text);
    }

    [Fact]
    public void Dotted_keys_expand_into_nested_objects_and_merge()
    {
        var config = TestHocon.Parse("a.b.c = 1\na.b.d = 2\na { e = 3 }");
        Assert.Equal("""{"a":{"b":{"c":N"1","d":N"2",},"e":N"3",},}""", TestHocon.Canonical(config));
    }

    [Fact]
    public void Quoted_dots_do_not_split_keys_and_whitespace_inside_keys_is_kept()
    {
        var config = TestHocon.Parse("\"a.b\".c = 1\nx y z = 2\nfoo\"10.0\" = 3");
        Assert.Equal(1, config.GetInt("\"a.b\".c"));
        Assert.Equal(2, config.GetInt("\"x y z\""));
        Assert.Equal(3, config.GetInt("\"foo10.0\""));
    }

    [Fact]
    public void Numbers_in_keys_split_on_their_dots_and_keys_are_always_strings()
    {
        var config = TestHocon.Parse("3.14 = pi\ntrue = yes\n10.0foo = 1");
        Assert.Equal("pi", config.GetString("\"3\".\"14\""));
        Assert.Equal("yes", config.GetString("\"true\""));
        Assert.Equal(1, config.GetInt("\"10\".\"0foo\""));
    }

    [Theory]
    [InlineData("a..b = 1")]
    [InlineData(".a = 1")]
    [InlineData("a. = 1")]
    public void Empty_path_elements_must_be_quoted(string text)
    {
        TestHocon.ParseFails(text);
        Assert.Equal(1, TestHocon.Parse("a.\"\".b = 1").GetInt("a.\"\".b"));
    }

    [Fact]
    public void Later_duplicate_keys_override_unless_both_values_are_objects()
    {
        Assert.Equal(2, TestHocon.Parse("a = 1\na = 2").GetInt("a"));
        Assert.Equal("""{"foo":{"a":N"42","b":N"43",},}""", TestHocon.Canonical(TestHocon.Parse("foo { a = 42 }\nfoo { b = 43 }")));
    }

    [Fact]
    public void A_non_object_in_between_stops_two_objects_from_merging()
    {
        var config = TestHocon.Parse("foo { a = 42 }\nfoo = null\nfoo { b = 43 }");
        Assert.Equal("""{"foo":{"b":N"43",},}""", TestHocon.Canonical(config));
    }

    [Fact]
    public void Unquoted_strings_run_until_a_forbidden_character()
    {
        var config = TestHocon.Parse("a = foo-bar_baz.qux\nb = truefoo\nc = 10.0bar\nd = footrue");
        Assert.Equal("foo-bar_baz.qux", config.GetString("a"));
        Assert.Equal("truefoo", config.GetString("b"));
        Assert.Equal("10.0bar", config.GetString("c"));
        Assert.Equal("footrue", config.GetString("d"));
    }

    [Theory]
    [InlineData("a = b?c")]
    [InlineData("a = b!c")]
    [InlineData("a = b@c")]
    [InlineData("a = b*c")]
    [InlineData("a = b^c")]
    [InlineData("a = b`c")]
    [InlineData("a = $x")]
    [InlineData("a = http://host")]
    public void Forbidden_characters_outside_quotes_are_errors(string text)
    {
        TestHocon.ParseFails(text);
    }

    [Fact]
    public void Quoted_strings_follow_json_escapes()
    {
        var config = TestHocon.Parse("""a = "tab\there \"q\" \\ \/ \u00e9\n" """);
        Assert.Equal("tab\there \"q\" \\ / \u00e9\n", config.GetString("a"));
    }

    [Theory]
    [InlineData("a = \"unterminated")]
    [InlineData("a = \"bad \\x escape\"")]
    [InlineData("a = \"new\nline\"")]
    [InlineData("a = \"\\u12\"")]
    public void Bad_quoted_strings_are_errors(string text)
    {
        TestHocon.ParseFails(text);
    }

    [Fact]
    public void Triple_quoted_strings_are_raw_span_lines_and_keep_extra_closing_quotes()
    {
        var config = TestHocon.Parse("a = \"\"\"line one\n  \\n is not an escape \"quoted\"\"\"\"\"\nb = 1");
        Assert.Equal("line one\n  \\n is not an escape \"quoted\"\"", config.GetString("a"));
        Assert.Equal(1, config.GetInt("b"));
    }

    [Fact]
    public void Simple_values_on_one_line_concatenate_keeping_inner_whitespace()
    {
        var config = TestHocon.Parse("a =   foo  bar \"baz\"   \nb = true false\nc = 1 2\nd = null x\ne = foo\"bar\"");
        Assert.Equal("foo  bar baz", config.GetString("a"));
        Assert.Equal("foobar", config.GetString("e"));
        Assert.Equal("true false", config.GetString("b"));
        Assert.Equal("1 2", config.GetString("c"));
        Assert.Equal("null x", config.GetString("d"));
    }

    [Fact]
    public void A_single_value_keeps_its_type()
    {
        var config = TestHocon.Parse("a = true\nb = 1e5\nc = \"true\"");
        Assert.Equal("""{"a":B"true","b":N"1e5","c":S"true",}""", TestHocon.Canonical(config));
    }

    [Fact]
    public void Arrays_concatenate_with_arrays_and_objects_merge_with_objects()
    {
        var config = TestHocon.Parse("a = [1, 2] [3, 4]\nb = { x = 1 } { y = 2 }\nc = [ [1, 2] [3, 4] ]\nd = [ 1 2 3 4 ]");
        Assert.Equal("""[N"1",N"2",N"3",N"4",]""", TestHocon.Canonical(config.Root.Fields.First().Value));
        Assert.Equal(2, config.GetInt("b.y"));
        Assert.Equal("""{"a":[N"1",N"2",N"3",N"4",],"b":{"x":N"1","y":N"2",},"c":[[N"1",N"2",N"3",N"4",],],"d":[S"1 2 3 4",],}""", TestHocon.Canonical(config));
    }

    [Theory]
    [InlineData("a = [1] { b = 2 }")]
    [InlineData("a = [1] foo")]
    [InlineData("a = { b = 1 } foo")]
    public void Mixing_arrays_objects_and_strings_in_a_concatenation_is_an_error(string text)
    {
        TestHocon.ParseFails(text);
    }

    [Fact]
    public void Include_as_a_value_or_later_in_a_key_is_an_ordinary_string()
    {
        var config = TestHocon.Parse("a = include\nb = [include]\nfoo include = 1\n\"include\" = 2");
        Assert.Equal("include", config.GetString("a"));
        Assert.Equal(["include"], config.GetStringList("b"));
        Assert.Equal(1, config.GetInt("\"foo include\""));
        Assert.Equal(2, config.GetInt("\"include\""));
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("a = 1 }")]
    [InlineData("{ a = 1")]
    [InlineData("a = [1, 2")]
    [InlineData("a")]
    [InlineData("a = ")]
    [InlineData("a\n= 1")]
    [InlineData("{ a = 1 } b = 2")]
    public void Malformed_structure_is_an_error(string text)
    {
        TestHocon.ParseFails(text);
    }

    [Fact]
    public void Unicode_and_control_separators_count_as_whitespace()
    {
        var config = TestHocon.Parse("a\u00a0=\u2003 1\u001c\nb\t:\r\n2\r\n");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
    }
}
