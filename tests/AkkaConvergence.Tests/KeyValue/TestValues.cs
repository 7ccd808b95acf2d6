using AkkaConvergence.KeyValue;

namespace AkkaConvergence.Tests.KeyValue;

/// <summary>Gossiped values of a given size, and stores built write by write.</summary>
internal static class TestValues
{
    public static StateValue Of(int bytes, byte fill = 1) => new(17, "D", Enumerable.Repeat(fill, bytes).ToArray());

    public static StateValue Text(string text) => new(1, string.Empty, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>An owner's state after writing these keys in order (a null value deletes).</summary>
    public static OwnerState Written(params (string Key, StateValue? Value)[] writes) =>
        writes.Aggregate(OwnerState.Empty, (state, write) => state.Write(write.Key, write.Value, nowMillis: 0));

    /// <summary>Everything after <paramref name="from"/> of <paramref name="state"/> as one delta, built the way a sender builds it.</summary>
    public static OwnerDelta DeltaOf(UniqueAddress owner, OwnerState state, long from) =>
        DeltaBuilder.Build(new StateStore(System.Collections.Immutable.ImmutableDictionary<UniqueAddress, OwnerState>.Empty.Add(owner, state)), [(owner, from)], 1 << 20, 0).Single();
}
