namespace AkkaConvergence.Hosting;

/// <summary>Any unreachability that lasts downs every member (<c>down-all</c>).</summary>
public sealed class DownAllOption : DowningOption
{
    internal override string Strategy => "down-all";
}
