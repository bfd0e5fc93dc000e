Console.WriteLine("postroute: commands arrive with the planner's-view work.");
