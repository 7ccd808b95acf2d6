namespace AkkaConvergence;

/// <summary>How one vector clock relates to another.</summary>
public enum VectorClockOrdering
{
    /// <summary>Both clocks have exactly the same entries.</summary>
    Same,

    /// <summary>This clock happened before the other (the other has seen everything this one has, and more).</summary>
    Before,

    /// <summary>This clock happened after the other.</summary>
    After,

    /// <summary>Neither happened before the other: each has seen something the other has not.</summary>
    Concurrent,
}
