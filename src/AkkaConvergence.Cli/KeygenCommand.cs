using System.CommandLine;
using System.Security.Cryptography;

namespace AkkaConvergence.Cli;

/// <summary><c>keygen</c>: a new random key for <c>akka.convergence.authentication.keys</c>.</summary>
internal static class KeygenCommand
{
    private const int KeyBytes = 32;

    public static Command Create(TextWriter output)
    {
        var command = new Command("keygen", "Print a new random 256-bit key (base64) for akka.convergence.authentication.keys.");
        command.SetAction(async _ =>
        {
            await output.WriteLineAsync(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)));
            return 0;
        });
        return command;
    }
}
