namespace AkkaConvergence;

/// <summary>One member's entry for a key, as this node sees it.</summary>
/// <param name="Value">The value.</param>
/// <param name="Version">The owner's sequence number of this write: the same on every node, rising with every write of the owner.</param>
/// <param name="Age">How long ago this node saw the entry change (zero or more).</param>
/// <typeparam name="T">The value's type.</typeparam>
public sealed record GossipEntry<T>(T Value, long Version, TimeSpan Age);

/// <summary>One entry of a <see cref="GossipStateSnapshot"/>.</summary>
/// <param name="Value">The deserialized value.</param>
/// <param name="Version">The owner's sequence number of this write.</param>
/// <param name="Age">How long ago this node saw the entry change, when the snapshot was taken.</param>
public sealed record GossipStateEntry(object Value, long Version, TimeSpan Age);
