namespace AkkaConvergence.Hosting;

/// <summary>No automatic downing: the operator downs unreachable members (<c>off</c>).</summary>
public sealed class DowningOffOption : DowningOption
{
    internal override string Strategy => "off";
}
