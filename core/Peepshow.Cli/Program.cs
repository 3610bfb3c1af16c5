// Placeholder entry point until the extraction command lands (issue 3).
Console.Error.WriteLine("peepshow: extraction is not built yet");
return 1;
