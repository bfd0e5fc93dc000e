System.Console.WriteLine("quality runner");
