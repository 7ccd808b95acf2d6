using System.Collections.Immutable;

namespace AkkaConvergence.Protocol;

/// <summary>The outcome of one step: the next state and what the shell must do.</summary>
internal sealed record CoreResult(CoreState State, ImmutableArray<ICoreEffect> Effects);
