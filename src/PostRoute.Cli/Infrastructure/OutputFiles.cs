using System.Text;

namespace PostRoute.Cli.Infrastructure;

/// <summary>Writes output files as UTF-8 without BOM, creating their folder.</summary>
internal static class OutputFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string text)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, text, Utf8);
    }
}
