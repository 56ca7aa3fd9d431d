namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// Phrase lists the offline responders compose instructions and instances from. Each family of instructions
/// varies several multi-word slots, so two compositions rarely share enough words to fail the 0.7 ROUGE-L
/// gate, while a few fixed words per family keep the output looking like a task list.
/// </summary>
internal static class OfflineVocabulary
{
    public static readonly string[] WritingForms =
    [
        "short poem", "limerick", "product description", "cover letter", "news headline", "two-paragraph story",
        "diary entry", "dialogue between two old friends", "speech opening", "postcard message", "riddle",
        "fable with a moral", "radio advertisement", "letter of complaint", "museum placard", "book blurb",
        "wedding toast", "job posting", "apology note", "travel guide paragraph",
    ];

    public static readonly string[] Topics =
    [
        "a lighthouse keeper who is afraid of the dark", "the first warm morning of spring", "a robot learning to bake bread",
        "a village that runs out of salt", "an astronaut's last day on the station", "a cat who guards a bookshop",
        "the invention of the umbrella", "a chess match between twins", "a storm over a mountain pass",
        "a detective who cannot smell", "a garden grown on a rooftop", "the night market in a rainy city",
        "a violin found in an attic", "a bakery that opens at midnight", "a river that changes direction",
        "a retired pilot teaching paper planes", "the migration of monarch butterflies", "an elevator stuck between floors",
        "a small town's annual pumpkin race", "a scientist who talks to plants", "the last bus of the night",
        "a bridge built by a whole village", "a dog who rides the subway alone", "an old map shop closing down",
        "a friendship between a whale and a gull", "the smell of new school books", "a power cut during a dinner party",
        "a beekeeper's first harvest", "a marathon run in the snow", "a forgotten birthday",
        "the quiet hour before a concert", "a ship's cook on a long voyage", "a library card that never expires",
        "a lost glove looking for its pair", "a tree that remembers every storm", "a bicycle repair shop in the desert",
    ];

    public static readonly string[] Constraints =
    [
        "for a ten-year-old reader", "in under fifty words", "without using the letter e", "in a formal tone",
        "that ends with a question", "using only one-syllable words", "from the point of view of a pigeon",
        "in the style of a sports commentator", "with exactly three sentences", "that includes a surprising twist",
        "written as a text message", "for an audience of retired teachers", "with a hopeful ending",
        "that rhymes in every second line", "as if it were breaking news", "in plain language for beginners",
    ];

    public static readonly string[] Concepts =
    [
        "how vaccines train the immune system", "why the sea tastes salty", "how compound interest grows savings",
        "what causes the seasons", "how a bill becomes a law", "why bread dough rises", "how noise-cancelling headphones work",
        "what inflation does to wages", "why leaves change colour in autumn", "how a search engine ranks pages",
        "what a black hole is", "how bees communicate", "why we dream", "how a refrigerator keeps food cold",
        "what photosynthesis produces", "how tides are caused by the moon", "why airplanes can fly",
        "how credit scores are calculated", "what a carbon footprint measures", "how an election recount works",
        "why some materials conduct electricity", "how muscles grow after exercise", "what makes a rainbow appear",
        "how recycling plants sort plastic",
    ];

    public static readonly string[] Audiences =
    [
        "a curious eight-year-old", "a first-year university student", "someone who has never used a computer",
        "a busy small-business owner", "a group of retirees", "a visiting exchange student", "a skeptical teenager",
        "a new employee on their first day",
    ];

    public static readonly string[] Devices =
    [
        "an everyday analogy", "three short bullet points", "a story about a family dinner", "a single paragraph",
        "a question-and-answer format", "a comparison with cooking", "no technical terms at all", "a numbered sequence of steps",
    ];

    public static readonly string[] TextKinds =
    [
        "email to a landlord", "restaurant review", "customer support message", "product question", "news paragraph",
        "tweet about a football match", "hotel review", "message from a coworker", "movie review", "app store review",
        "comment on a cooking blog", "headline about the economy", "statement from a politician", "text from a friend",
    ];

    public static readonly (string Property, string[] Labels)[] LabelSets =
    [
        ("sentiment", ["positive", "negative", "neutral"]),
        ("tone", ["polite", "rude"]),
        ("urgency", ["urgent", "not urgent"]),
        ("intent", ["question", "complaint", "compliment"]),
        ("topic", ["sports", "politics", "technology", "health"]),
        ("reliability", ["fact", "opinion"]),
        ("formality", ["formal", "informal"]),
        ("relevance", ["relevant", "irrelevant"]),
    ];

    public static readonly string[] Changes =
    [
        "sounds more polite", "fits in a single sentence", "uses the active voice", "is easier for a child to read",
        "sounds more enthusiastic", "avoids any jargon", "is written in the past tense", "is suitable for a formal report",
        "uses fewer adjectives", "sounds less aggressive", "addresses the reader directly", "keeps only the key facts",
    ];

    public static readonly string[] ListSubjects =
    [
        "ways to reduce food waste at home", "questions to ask before adopting a dog", "habits that improve sleep quality",
        "mistakes new gardeners often make", "reasons to learn a second language", "tips for a first job interview",
        "indoor activities for a rainy weekend", "ways to save water in the bathroom", "signs that a car battery is failing",
        "benefits of walking to work", "snacks that need no refrigeration", "items to pack for a hiking trip",
        "ways to make a small room feel bigger", "skills every new manager needs", "questions for a museum tour guide",
        "reasons people enjoy crossword puzzles", "safety checks before a long drive", "ideas for a class fundraiser",
        "ways to keep houseplants alive in winter", "polite ways to decline an invitation",
    ];

    public static readonly string[] Counts = ["three", "four", "five", "six", "seven", "ten"];

    public static readonly (string A, string B)[] Pairs =
    [
        ("weather", "climate"), ("a virus", "a bacterium"), ("a simile", "a metaphor"), ("renting", "buying a home"),
        ("a crocodile", "an alligator"), ("baking soda", "baking powder"), ("a loan", "a grant"), ("an ocean", "a sea"),
        ("jogging", "sprinting"), ("a democracy", "a monarchy"), ("speed", "velocity"), ("a lake", "a pond"),
        ("tea", "coffee"), ("a comet", "an asteroid"), ("a debit card", "a credit card"), ("a fruit", "a vegetable"),
        ("an autobiography", "a biography"), ("stocks", "bonds"), ("a hurricane", "a tornado"), ("a novel", "a novella"),
    ];

    public static readonly string[] Aspects =
    [
        "cost and convenience", "impact on the environment", "health benefits", "how long each one lasts",
        "ease of learning", "popularity among teenagers", "safety for small children", "historical importance",
    ];

    public static readonly string[] Situations =
    [
        "just moved to a new city and knows nobody", "keeps forgetting to drink water", "is nervous about public speaking",
        "wants to start running at age fifty", "has too many unread emails", "argues with a sibling about chores",
        "cannot decide between two job offers", "wants to cook more vegetables", "struggles to wake up early",
        "is planning a first solo trip abroad", "wants to read more books this year", "feels overwhelmed by a messy garage",
    ];

    public static readonly string[] Formats =
    [
        "a short friendly paragraph", "five numbered steps", "the form of a weekly plan", "two sentences",
        "a list of dos and don'ts", "the voice of a kind grandparent",
    ];

    public static readonly string[] Entities =
    [
        "names of people", "dates and times", "city names", "amounts of money", "company names", "units of measurement",
    ];

    public static readonly string[] Businesses =
    [
        "a bakery that sells only sourdough", "a bicycle repair cafe", "a podcast about local history", "a dog-walking service",
        "a board game shop", "a vegetarian food truck", "a tutoring service for chemistry", "a second-hand bookshop by the sea",
        "a yoga studio for office workers", "a company that repairs old radios",
    ];

    public static readonly string[] Times = ["7:45 pm", "6:15 am", "11:30 pm", "12:05 am", "3:20 pm", "9:50 am"];

    public static readonly string[] Sentences =
    [
        "The meeting was moved to Thursday because the projector broke.",
        "Our neighbour's dog barked all night, and nobody slept well.",
        "The new library opens on Monday with free coffee for visitors.",
        "I ordered a blue jacket but received a green one.",
        "The team scored twice in the final five minutes to win the cup.",
        "Prices at the farmers' market rose again this month.",
        "She finished the marathon despite a sore ankle.",
        "The app keeps logging me out whenever I change the settings.",
        "Thank you for fixing the heater so quickly last week.",
        "The museum will be closed for repairs until the end of June.",
        "Can you tell me whether this blender works with 110 volts?",
        "The city council approved a new bike lane on Main Street.",
        "My flight was delayed three hours and the airline offered nothing.",
        "This soup is the best thing I have eaten all winter.",
        "The report is due tomorrow: please send your figures by noon.",
        "A small earthquake shook the coast early on Sunday morning.",
    ];

    public static readonly string[] OpenAnswers =
    [
        "Start small and be consistent; a little progress every day adds up faster than you expect.",
        "Think of it like a kitchen: each part has one job, and the result depends on how well they work together.",
        "First, gather what you need. Second, set aside a quiet hour. Third, check your work before sharing it.",
        "The short answer is balance: enough of each, but not so much that one crowds out the other.",
        "Picture a busy post office sorting letters; the same idea applies here, only much faster.",
        "Keep it simple, be honest about what you do not know, and ask a friend to read it once.",
        "Most people notice the difference within a week, especially if they write down what changed.",
        "Note: the details vary from place to place, so check the local rules before you begin.",
    ];
}
