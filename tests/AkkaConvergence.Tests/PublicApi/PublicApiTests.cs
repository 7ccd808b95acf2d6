using PublicApiGenerator;

namespace AkkaConvergence.Tests.PublicApi;

/// <summary>
/// Every change of a shipped library's public surface shows up as a diff of its
/// <c>&lt;assembly&gt;.approved.txt</c>. On a mismatch the test writes <c>&lt;assembly&gt;.received.txt</c>
/// beside it; review the diff and, if the change is intended, copy received over approved.
/// </summary>
public class PublicApiTests
{
    public static TheoryData<string> Libraries => ["AkkaConvergence", "AkkaConvergence.Hosting", "AkkaConvergence.Management", "AkkaConvergence.Simulation"];

    [Theory]
    [MemberData(nameof(Libraries))]
    public void The_public_api_is_the_approved_one(string library)
    {
        var options = new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] };
        var actual = Normalize(System.Reflection.Assembly.Load(library).GeneratePublicApi(options));
        var approvedPath = Path.Combine(SourceDirectory(), $"{library}.approved.txt");
        var receivedPath = Path.Combine(SourceDirectory(), $"{library}.received.txt");

        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : string.Empty;
        if (approved != actual)
        {
            File.WriteAllText(receivedPath, actual);
            Assert.Fail($"The public API changed. Review the diff of {receivedPath} against {approvedPath}, and copy it over if intended.");
        }

        File.Delete(receivedPath);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n";

    /// <summary>This folder in the source tree.</summary>
    private static string SourceDirectory() => Path.Combine(RepositoryRoot.Path, "tests", "AkkaConvergence.Tests", "PublicApi");
}
