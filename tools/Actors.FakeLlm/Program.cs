Console.WriteLine("fake-llm");
