using Actors.Corpus.Reading;

namespace Actors.Corpus.Tests;

public sealed class HtmlToTextTests
{
    [Fact]
    public void Headings_become_markdown_lines_and_blocks_become_paragraphs()
    {
        var (text, title) = HtmlToText.Convert("""
            <html><head><title> The   Title </title></head><body>
            <h1 class="x">Main <em>heading</em></h1>
            <div><p>First   paragraph
            over two lines.</p><p>Second&nbsp;one &amp; more &#8217;quoted&#x2019;.</p></div>
            <h3>Sub<br>heading</h3>
            <ol><li>one</li><li></li><li>two</li></ol>
            <table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>
            <pre>code  line 1
            code line 2</pre>
            </body></html>
            """);
        Assert.Equal("The Title", title);
        Assert.Equal(
            "# Main heading\n\nFirst paragraph over two lines.\n\nSecond one & more \u2019quoted\u2019.\n\n### Sub heading\n\n- one\n- two\n\na b\nc d\n\ncode line 1\ncode line 2",
            text);
    }

    [Fact]
    public void Scripts_styles_navigation_and_hidden_content_are_left_out()
    {
        var (text, _) = HtmlToText.Convert("""
            <script type="text/javascript">document.write("<p>fake</p>")</script>
            <style>p { x: y }</style><!-- <p>comment</p> -->
            <nav><ul><li>Home</li><li><nav>inner</nav></li><li>About</li></ul></nav>
            <div hidden><p>hidden</p></div><div aria-hidden="true">also hidden</div>
            <div role="navigation">menu</div><form><input name=q><button>Go</button></form>
            <p>Kept <b>text</b>.</p><aside>aside</aside><footer><p>© footer</p></footer>
            <svg><text>svg text</text></svg><img src=x alt="image"><noscript>enable js</noscript>
            """);
        Assert.Equal("Kept text.", text);
    }

    [Fact]
    public void Broken_markup_never_throws()
    {
        foreach (var html in new[] { "<", "<p", "<p class=\"x", "<!--", "<script>", "a < b > c", "<![CDATA[x", "</", "<nav><p>x", "&", "&#xZZ;" })
        {
            _ = HtmlToText.Convert(html);
        }

        Assert.Equal("a < b > c", HtmlToText.Convert("a < b > c").Text);
    }
}
