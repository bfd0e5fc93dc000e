using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;

namespace PostRoute.Cli.Infrastructure;

/// <summary>Reads input files, turning a missing file into an <see cref="InputException"/> that names it.</summary>
internal static class InputFiles
{
    public static string ReadText(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{what} '{path}' not found");
        }

        return File.ReadAllText(path);
    }

    /// <summary>The network of <paramref name="file"/>, or the embedded Phú Yên network when null.</summary>
    public static PostalNetwork Network(string? file)
    {
        if (file is null)
        {
            return PhuYen.Network;
        }

        string json = ReadText(file, "network file");
        try
        {
            return NetworkJson.Read(json);
        }
        catch (NetworkValidationException ex)
        {
            throw new InputException($"{file}: {ex.Message}", ex);
        }
    }
}
