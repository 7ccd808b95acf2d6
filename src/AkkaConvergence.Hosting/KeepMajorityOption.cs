namespace AkkaConvergence.Hosting;

/// <summary>The side with the majority of members survives; on a tie, the side with the lowest address (<c>keep-majority</c>, the default).</summary>
public sealed class KeepMajorityOption : DowningOption
{
    internal override string Strategy => "keep-majority";
}
