namespace AkkaConvergence.Cli;

/// <summary>A management request that did not succeed, worded for the command line.</summary>
internal sealed class ManagementException(string message) : Exception(message);
