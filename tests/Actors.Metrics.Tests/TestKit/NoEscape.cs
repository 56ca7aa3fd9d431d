namespace Actors.Metrics.Tests.TestKit;

public static class NoEscape
{
    /// <summary>Asserts the text holds no ESC byte (no ANSI control sequence) and no other control character but line feeds.</summary>
    public static void Assert(string text)
    {
        Xunit.Assert.DoesNotContain('\u001b', text);
        Xunit.Assert.All(text, c => Xunit.Assert.True(c == '\n' || !char.IsControl(c), $"control character U+{(int)c:X4} in output"));
    }
}
