namespace AkkaConvergence.Hosting;

/// <summary>The side with at least <see cref="QuorumSize"/> members survives (<c>static-quorum</c>).</summary>
public sealed class StaticQuorumOption : DowningOption
{
    /// <summary>Required: the quorum, at least 1 (<c>downing.static-quorum.quorum-size</c>).</summary>
    public int? QuorumSize { get; set; }

    internal override string Strategy => "static-quorum";

    internal override IEnumerable<string> StrategyHocon() =>
        QuorumSize is { } size ? [$"static-quorum.quorum-size = {size}"] : [];
}
