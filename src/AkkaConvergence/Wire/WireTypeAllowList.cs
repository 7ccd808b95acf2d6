using Hyperion;

namespace AkkaConvergence.Wire;

/// <summary>
/// Lets Hyperion deserialize only the wire record types of this assembly; anything else named in
/// the bytes is refused before it is instantiated.
/// </summary>
internal sealed class WireTypeAllowList : ITypeFilter
{
    private readonly HashSet<string> _allowed;

    public WireTypeAllowList(IEnumerable<Type> wireTypes)
    {
        _allowed = wireTypes.Select(t => $"{t.FullName}, {t.Assembly.GetName().Name}").ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Hyperion passes assembly-qualified names: compare type and assembly, ignore version and key.</summary>
    public bool IsAllowed(string typeName)
    {
        var parts = typeName.Split(',', 3, StringSplitOptions.TrimEntries);
        return parts.Length >= 2 && _allowed.Contains($"{parts[0]}, {parts[1]}");
    }
}
