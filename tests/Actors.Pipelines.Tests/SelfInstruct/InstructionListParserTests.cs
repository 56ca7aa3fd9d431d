using Actors.Pipelines.SelfInstruct;

namespace Actors.Pipelines.Tests.SelfInstruct;

public sealed class InstructionListParserTests
{
    private static readonly InstructionListParser Anchored = new(["\n\n", "\n16.", "\n16 ."]);
    private static readonly InstructionListParser Reference = new(["\n\n", "\n16", "16.", "16 ."]);

    [Fact]
    public void CleanList_KeepsEveryItem_WithItsCasing()
    {
        const string completion = " Name the capital of the USA and of the UK.\n10. Explain what an API is to a new iPhone user.\n11. Tell me which of McDonald's burgers has the fewest calories.";

        var parse = Anchored.Parse(completion, 9, 15, GenerationFinish.Stop);

        Assert.Equal(
            [(9, "Name the capital of the USA and of the UK."), (10, "Explain what an API is to a new iPhone user."), (11, "Tell me which of McDonald's burgers has the fewest calories.")],
            parse.Instructions.Select(i => (i.Number, i.Text)));
        Assert.Empty(parse.Dropped);
    }

    [Fact]
    public void LengthFinish_DropsOnlyTheLastItem()
    {
        const string completion = " Describe a sunset.\n10. Plan a picnic for six people.\n11. Write a letter to the city council asking for more";

        var parse = Anchored.Parse(completion, 9, 15, GenerationFinish.Length);

        Assert.Equal([9, 10], parse.Instructions.Select(i => i.Number));
        var dropped = Assert.Single(parse.Dropped);
        Assert.Equal(ListItemDrop.TruncatedLastItem, dropped.Reason);
        Assert.Equal("truncated_last_item", dropped.CountKey);
    }

    [Fact]
    public void LengthFinish_RightAfterANewNumber_KeepsTheCompleteItemBeforeIt()
    {
        var withDot = Anchored.Parse(" Describe a sunset.\n10. Plan a picnic.\n11.", 9, 15, GenerationFinish.Length);
        var withoutDot = Anchored.Parse(" Describe a sunset.\n10. Plan a picnic.\n11", 9, 15, GenerationFinish.Length);

        Assert.Equal([9, 10], withDot.Instructions.Select(i => i.Number));
        Assert.Equal([9, 10], withoutDot.Instructions.Select(i => i.Number));
        Assert.Equal(ListItemDrop.Empty, Assert.Single(withoutDot.Dropped).Reason);
    }

    [Fact]
    public void ColonsAndNumbersInsideContent_AreContent()
    {
        const string completion = " Convert 10:30 pm to 24-hour time: show your steps.\n10. Explain why 3.5 kg is heavier than 3 kg.\n11. Summarize this note: Meeting at 10:30, room 2.";

        var parse = Anchored.Parse(completion, 9, 15, GenerationFinish.Stop);

        Assert.Equal(
            ["Convert 10:30 pm to 24-hour time: show your steps.", "Explain why 3.5 kg is heavier than 3 kg.", "Summarize this note: Meeting at 10:30, room 2."],
            parse.Instructions.Select(i => i.Text));
    }

    [Fact]
    public void NumberedSubList_StaysInsideItsInstruction()
    {
        const string completion = " Plan a trip with these parts:\n1. where to stay\n2. what to eat\n10. Name a river in Spain.";

        var parse = Anchored.Parse(completion, 9, 15, GenerationFinish.Stop);

        Assert.Equal(["Plan a trip with these parts: 1. where to stay 2. what to eat", "Name a river in Spain."], parse.Instructions.Select(i => i.Text));
        Assert.Equal([9, 10], parse.Instructions.Select(i => i.Number));
    }

    [Fact]
    public void NumberingGaps_AreTolerated_AndTheCountResynchronises()
    {
        const string completion = " Task nine here please.\n11. Task eleven here please.\n12) Task twelve here please.\n14 . Task fourteen here please.";

        var parse = Anchored.Parse(completion, 9, 15, GenerationFinish.Stop);

        Assert.Equal([9, 11, 12, 14], parse.Instructions.Select(i => i.Number));
    }

    [Fact]
    public void AYearAtTheStartOfALine_IsNotANewItem()
    {
        const string completion = " Describe what happened in\n2016. in the world of sport.\n10. Name a river.";

        var parse = Anchored.Parse(completion, 9, 15, GenerationFinish.Stop);

        Assert.Equal(["Describe what happened in 2016. in the world of sport.", "Name a river."], parse.Instructions.Select(i => i.Text));
    }

    [Fact]
    public void ItemsPastTheLastNumber_AreDropped_AsLeakage()
    {
        const string completion = " Item nine is here.\n10. Item ten is here.\n11. Item eleven is here.\n12. Item twelve is here.\n13. Item thirteen is here.\n14. Item fourteen is here.\n15. Item fifteen is here.\n16. Item sixteen is here.\n17. Item seventeen.";

        var parse = Anchored.Parse(completion, 9, 15, GenerationFinish.Stop);

        Assert.Equal(Enumerable.Range(9, 7), parse.Instructions.Select(i => i.Number));
        var leaked = Assert.Single(parse.Dropped);
        Assert.Equal(ListItemDrop.BeyondLimit, leaked.Reason);
        Assert.Equal(16, leaked.Number);
        Assert.Contains("Item sixteen", leaked.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void BareSixteenAtTheEnd_IsLeakage_NotContent()
    {
        const string completion = " Item nine is here.\n10. Item ten is here.\n11. Item eleven is here.\n12. Item twelve is here.\n13. Item thirteen is here.\n14. Item fourteen is here.\n15. Item fifteen is here.\n16";

        var parse = Anchored.Parse(completion, 9, 15, GenerationFinish.Length);

        Assert.Equal(7, parse.Instructions.Count);
        Assert.Equal("Item fifteen is here.", parse.Instructions[^1].Text);
        Assert.Equal(ListItemDrop.BeyondLimit, Assert.Single(parse.Dropped).Reason);
    }

    [Fact]
    public void UnanchoredStopInsideContent_DropsTheCutItem_WhenTheBackendNamesTheStop()
    {
        // The reference stop "16." fired inside "2016.": the text ends in "20" and finish_reason is "stop".
        const string completion = " Name a river in Spain.\n10. Describe the Olympic Games held in 20";

        var parse = Reference.Parse(completion, 9, 15, GenerationFinish.Stop, matchedStop: "16.");

        Assert.Equal(["Name a river in Spain."], parse.Instructions.Select(i => i.Text));
        Assert.Equal(ListItemDrop.StopInsideContent, Assert.Single(parse.Dropped).Reason);
    }

    [Fact]
    public void UnanchoredStopInsideContent_IsSuspected_WhenTheStopIsUnknown()
    {
        const string cut = " Name a river in Spain.\n10. Describe the Olympic Games held in 20";
        const string whole = " Name a river in Spain.\n10. Describe the Olympic Games held in Rio.";

        Assert.Equal(ListItemDrop.StopInsideContent, Assert.Single(Reference.Parse(cut, 9, 15, GenerationFinish.Stop).Dropped).Reason);
        Assert.Equal(2, Reference.Parse(whole, 9, 15, GenerationFinish.Stop).Instructions.Count);
        // With only anchored stops an item cannot be cut mid-line by a stop, so nothing is suspected.
        Assert.Equal(2, Anchored.Parse(cut, 9, 15, GenerationFinish.Stop).Instructions.Count);
    }

    [Fact]
    public void ChatterBeforeTheList_IsDroppedAsPreamble()
    {
        const string completion = "Sure! Here are some more tasks:\n9. Name a river in Spain.\n10. Describe a sunset.";

        var parse = Anchored.Parse(completion, 9, 15, GenerationFinish.Stop);

        Assert.Equal(["Name a river in Spain.", "Describe a sunset."], parse.Instructions.Select(i => i.Text));
        Assert.Equal(ListItemDrop.Preamble, Assert.Single(parse.Dropped).Reason);
    }

    [Fact]
    public void RepeatedOwnNumber_AndEmptyItems_AreHandled()
    {
        var repeated = Anchored.Parse("9. Name a river in Spain.\n10.\n11. Describe a sunset.", 9, 15, GenerationFinish.Stop);

        Assert.Equal(["Name a river in Spain.", "Describe a sunset."], repeated.Instructions.Select(i => i.Text));
        Assert.Equal("empty_item", Assert.Single(repeated.Dropped).CountKey);
    }

    [Fact]
    public void WhitespaceInsideAnItem_IsCollapsed_AndWindowsNewlinesWork()
    {
        var parse = Anchored.Parse("  Write   a\tpoem\r\n   about rain.\r\n10. Name a river.", 9, 15, GenerationFinish.Unknown);

        Assert.Equal(["Write a poem about rain.", "Name a river."], parse.Instructions.Select(i => i.Text));
    }
}
