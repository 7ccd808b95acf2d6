using Akka.Actor.Setup;

namespace AkkaConvergence;

/// <summary>
/// Gives the extension another clock than <see cref="TimeProvider.System"/> (tests: a wall clock
/// that jumps). Pass it in the ActorSystem's setup: <c>ActorSystemSetup.Create(bootstrap, new ConvergenceTimeSetup(time))</c>.
/// </summary>
internal sealed class ConvergenceTimeSetup(TimeProvider time) : Setup
{
    public TimeProvider Time { get; } = time;
}
