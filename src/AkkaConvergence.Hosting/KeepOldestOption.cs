namespace AkkaConvergence.Hosting;

/// <summary>The side with the oldest member survives (<c>keep-oldest</c>).</summary>
public sealed class KeepOldestOption : DowningOption
{
    /// <summary>Down the oldest member if it is alone against two or more others (<c>downing.keep-oldest.down-if-alone</c>, on by default).</summary>
    public bool? DownIfAlone { get; set; }

    internal override string Strategy => "keep-oldest";

    internal override IEnumerable<string> StrategyHocon() =>
        DownIfAlone is { } alone ? [$"keep-oldest.down-if-alone = {(alone ? "on" : "off")}"] : [];
}
