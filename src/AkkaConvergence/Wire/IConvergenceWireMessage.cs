namespace AkkaConvergence.Wire;

/// <summary>Every message that crosses nodes; Akka binds the convergence serializer to this interface.</summary>
internal interface IConvergenceWireMessage
{
}
