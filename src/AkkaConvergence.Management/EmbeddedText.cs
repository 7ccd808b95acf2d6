namespace AkkaConvergence.Management;

/// <summary>Reads a text resource embedded in this assembly.</summary>
internal static class EmbeddedText
{
    public static string Read(string resourceName)
    {
        using var stream = typeof(EmbeddedText).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource {resourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
