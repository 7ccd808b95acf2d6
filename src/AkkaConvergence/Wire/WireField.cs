using System.Reflection;

namespace AkkaConvergence.Wire;

/// <summary>One field of a wire record and how <see cref="WireRecordFormat"/> carries it.</summary>
internal sealed record WireField(FieldInfo Info, WireFieldKind Kind);
