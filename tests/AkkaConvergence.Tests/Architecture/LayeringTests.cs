using Mono.Cecil;

namespace AkkaConvergence.Tests.Architecture;

/// <summary>Keeps docs/architecture.md true: layers point down only, and the pure layers stay pure.</summary>
public class LayeringTests
{
    private const string Root = "AkkaConvergence";

    private static readonly ModuleDefinition Module = AssemblyDefinition.ReadAssembly(typeof(ConvergenceCluster).Assembly.Location).MainModule;

    private static readonly IReadOnlyDictionary<TypeDefinition, HashSet<TypeReference>> Uses = TypeDependencies.Of(Module);

    [Fact]
    public void No_type_uses_a_layer_above_its_own()
    {
        var violations =
            from pair in Uses
            where IsOurs(pair.Key)
            let layer = LayerOf(pair.Key)
            from used in pair.Value
            where IsOurs(used)
            let usedLayer = LayerOf(used)
            where Rank(usedLayer) > Rank(layer)
            select $"{layer}: {pair.Key.FullName} uses {usedLayer}: {used.FullName}";

        Assert.Empty(violations.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Pure_layers_use_no_actor_remoting_or_configuration_types()
    {
        var violations =
            from pair in Uses
            where IsOurs(pair.Key)
            let layer = LayerOf(pair.Key)
            where Layers.Pure.Contains(layer)
            from used in pair.Value
            where !IsOurs(used) && used.Namespace.StartsWith("Akka", StringComparison.Ordinal) && !Layers.PureAllowedExternal.Contains(used.FullName)
            select $"{layer}: {pair.Key.FullName} uses {used.FullName}";

        Assert.Empty(violations.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_public_type_in_the_root_namespace_is_assigned_a_layer()
    {
        var unassigned = Module.Types
            .Where(t => t.IsPublic && t.Namespace == Root && !Layers.PublicRootTypes.ContainsKey(t.Name))
            .Select(t => t.FullName);

        Assert.Empty(unassigned);
    }

    [Fact]
    public void The_scan_sees_into_method_bodies_and_compiler_generated_types()
    {
        // The membership actor reaches the driver only inside its constructor's body, and the proof
        // type only inside a static lambda (a compiler-generated nested type); if the scan missed
        // those, the rules above would pass vacuously.
        var actor = Module.Types.Single(t => t.FullName == "AkkaConvergence.Actors.MembershipActor");

        Assert.Contains(Uses[actor], used => used.FullName == "AkkaConvergence.Protocol.CoreDriver");
        Assert.Contains(Uses[actor], used => used.FullName == "AkkaConvergence.Wire.LocalProof");
    }

    /// <summary>A type of this library (not one of the compiler's embedded helpers such as NullableAttribute).</summary>
    private static bool IsOurs(TypeReference type) =>
        type.Scope is ModuleDefinition scope && scope == Module
        && (type.Namespace == Root || type.Namespace.StartsWith(Root + ".", StringComparison.Ordinal));

    private static int Rank(string layer) => Array.IndexOf(Layers.Order, layer) is var rank and >= 0
        ? rank
        : throw new InvalidOperationException($"Unknown layer {layer}: add it to Layers.Order.");

    private static string LayerOf(TypeReference type)
    {
        var ns = type.Namespace;
        if (ns == Root)
        {
            return Layers.PublicRootTypes.TryGetValue(type.Name, out var layer) ? layer : "Root";
        }

        var inner = ns[(Root.Length + 1)..];
        return Layers.Order.Where(l => inner == l || inner.StartsWith(l + ".", StringComparison.Ordinal)).OrderByDescending(l => l.Length).FirstOrDefault()
               ?? throw new InvalidOperationException($"Namespace {ns} of {type.FullName} is in no layer: add it to Layers.Order.");
    }
}
