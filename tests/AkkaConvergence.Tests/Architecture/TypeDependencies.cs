using Mono.Cecil;
using Mono.Cecil.Cil;

namespace AkkaConvergence.Tests.Architecture;

/// <summary>
/// Every type a type uses, read from the compiled assembly (signatures, fields, attributes and
/// the instructions of every method body), with compiler-generated nested types (lambdas,
/// iterators, record helpers) counted as part of the type that declares them.
/// </summary>
internal static class TypeDependencies
{
    public static IReadOnlyDictionary<TypeDefinition, HashSet<TypeReference>> Of(ModuleDefinition module)
    {
        var result = new Dictionary<TypeDefinition, HashSet<TypeReference>>();
        foreach (var type in module.Types.Where(t => t.Name != "<Module>"))
        {
            var uses = new HashSet<TypeReference>(new FullNameComparer());
            Collect(type, uses);
            result[type] = uses;
        }

        return result;
    }

    private static void Collect(TypeDefinition type, HashSet<TypeReference> uses)
    {
        Add(type.BaseType, uses);
        foreach (var contract in type.Interfaces)
        {
            Add(contract.InterfaceType, uses);
        }

        AddAttributes(type, uses);
        foreach (var field in type.Fields)
        {
            Add(field.FieldType, uses);
            AddAttributes(field, uses);
        }

        foreach (var property in type.Properties)
        {
            Add(property.PropertyType, uses);
        }

        foreach (var method in type.Methods)
        {
            Add(method.ReturnType, uses);
            AddAttributes(method, uses);
            foreach (var parameter in method.Parameters)
            {
                Add(parameter.ParameterType, uses);
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                Add(variable.VariableType, uses);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                AddOperand(instruction, uses);
            }
        }

        foreach (var nested in type.NestedTypes)
        {
            Collect(nested, uses);
        }
    }

    private static void AddOperand(Instruction instruction, HashSet<TypeReference> uses)
    {
        switch (instruction.Operand)
        {
            case TypeReference type:
                Add(type, uses);
                break;
            case MethodReference method:
                Add(method.DeclaringType, uses);
                Add(method.ReturnType, uses);
                foreach (var parameter in method.Parameters)
                {
                    Add(parameter.ParameterType, uses);
                }

                if (method is GenericInstanceMethod generic)
                {
                    foreach (var argument in generic.GenericArguments)
                    {
                        Add(argument, uses);
                    }
                }

                break;
            case FieldReference field:
                Add(field.DeclaringType, uses);
                Add(field.FieldType, uses);
                break;
        }
    }

    private static void AddAttributes(ICustomAttributeProvider provider, HashSet<TypeReference> uses)
    {
        foreach (var attribute in provider.CustomAttributes)
        {
            Add(attribute.AttributeType, uses);
        }
    }

    private static void Add(TypeReference? type, HashSet<TypeReference> uses)
    {
        switch (type)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                Add(generic.ElementType, uses);
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument, uses);
                }

                return;
            case TypeSpecification specification:
                Add(specification.ElementType, uses);
                return;
        }

        var outermost = type;
        while (outermost.DeclaringType is { } declaring)
        {
            outermost = declaring;
        }

        uses.Add(outermost);
    }

    private sealed class FullNameComparer : IEqualityComparer<TypeReference>
    {
        public bool Equals(TypeReference? x, TypeReference? y) => string.Equals(x?.FullName, y?.FullName, StringComparison.Ordinal);

        public int GetHashCode(TypeReference obj) => StringComparer.Ordinal.GetHashCode(obj.FullName);
    }
}
