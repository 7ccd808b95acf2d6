namespace AkkaConvergence.Tests;

/// <summary>
/// The repository's root folder, found from the test binaries upward (CallerFilePath is
/// path-mapped in CI builds, so it cannot be used).
/// </summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "AkkaConvergence.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No AkkaConvergence.sln above {AppContext.BaseDirectory}.");
    }
}
