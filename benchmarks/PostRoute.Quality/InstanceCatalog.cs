using System.Text.RegularExpressions;
using PostRoute.Engine.Formats;

namespace PostRoute.Quality;

/// <summary>One instance file found under the folder, with its best-known value when one is listed.</summary>
internal sealed record CatalogEntry(string Path, BenchmarkInstance Instance, string Class, BestKnownValue? BestKnown);

/// <summary>Finds instance files under a folder (by content, any extension) and pairs them with best-known values.</summary>
internal static class InstanceCatalog
{
    public static List<CatalogEntry> Load(QualityOptions options, TextWriter log)
    {
        var filters = options.Filters.Select(Glob).ToList();
        var explicitBks = options.BestKnownPath is { } bksPath ? BestKnown.Read(bksPath) : null;
        var bksByFolder = new Dictionary<string, BestKnown>(StringComparer.Ordinal);
        string root = Path.GetFullPath(options.Directory);
        var entries = new List<CatalogEntry>();
        foreach (string path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            if (filters.Count > 0 && !filters.Any(f => f.IsMatch(name)))
            {
                continue;
            }

            BenchmarkInstance instance;
            try
            {
                if (BenchmarkFiles.Detect(path) is null)
                {
                    continue;
                }

                instance = BenchmarkFiles.Read(path);
            }
            catch (Exception e) when (e is InstanceFormatException or IOException or UnauthorizedAccessException)
            {
                log.WriteLine($"skipped {path}: {e.Message}");
                continue;
            }

            if (options.MaxCustomers is { } max && instance.CustomerCount > max)
            {
                continue;
            }

            var table = explicitBks ?? NearestBestKnown(Path.GetDirectoryName(path)!, root, bksByFolder, log);
            entries.Add(new CatalogEntry(path, instance, BenchmarkFiles.ClassOf(instance),
                table.TryGet(instance.Name, out var value) ? value : null));
        }

        entries.Sort((a, b) => NaturalCompare(a.Instance.Name, b.Instance.Name));
        return entries;
    }

    /// <summary>The first bks.csv in <paramref name="folder"/> or a parent of it up to <paramref name="root"/>.</summary>
    private static BestKnown NearestBestKnown(string folder, string root, Dictionary<string, BestKnown> cache, TextWriter log)
    {
        if (cache.TryGetValue(folder, out var cached))
        {
            return cached;
        }

        string candidate = Path.Combine(folder, "bks.csv");
        BestKnown table;
        if (File.Exists(candidate))
        {
            try
            {
                table = BestKnown.Read(candidate);
            }
            catch (InstanceFormatException e)
            {
                log.WriteLine($"ignored {candidate}: {e.Message}");
                table = BestKnown.Empty;
            }
        }
        else
        {
            string? parent = Path.GetDirectoryName(folder);
            table = folder.Length > root.Length && parent is not null ? NearestBestKnown(parent, root, cache, log) : BestKnown.Empty;
        }

        cache[folder] = table;
        return table;
    }

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Orders names with their digit runs compared as numbers, so X-n106 comes before X-n1001.</summary>
    internal static int NaturalCompare(string a, string b)
    {
        var partsA = Regex.Split(a, @"(\d+)");
        var partsB = Regex.Split(b, @"(\d+)");
        for (int i = 0; i < Math.Min(partsA.Length, partsB.Length); i++)
        {
            int c = long.TryParse(partsA[i], out long x) && long.TryParse(partsB[i], out long y)
                ? x.CompareTo(y)
                : string.Compare(partsA[i], partsB[i], StringComparison.OrdinalIgnoreCase);
            if (c != 0)
            {
                return c;
            }
        }

        return partsA.Length.CompareTo(partsB.Length);
    }
}
