using System.Text.RegularExpressions;
using Mono.Cecil;

namespace Parley.Tests.Architecture;

/// <summary>
/// Which top-level namespaces of an assembly use which, read from the compiled IL: signatures, attributes and every type,
/// field and method a method body names. Compiler-generated types count for the type that declares them.
/// </summary>
public sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, SortedSet<string>>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph(string root) => Root = root;

    /// <summary>The namespace whose children are the graph's nodes, e.g. <c>Parley</c>.</summary>
    public string Root { get; }

    /// <summary>The nodes: the root and every child namespace that declares a type.</summary>
    public IReadOnlyCollection<string> Nodes => _edges.Keys;

    /// <summary>Reads <paramref name="assemblyPath"/> and groups its types by the first namespace segment under <paramref name="root"/>.</summary>
    public static NamespaceGraph Read(string assemblyPath, string root)
    {
        var graph = new NamespaceGraph(root);
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.Types)
        {
            if (graph.NodeOf(type) is not { } from) continue;
            graph._edges.TryAdd(from, new(StringComparer.Ordinal));
            graph.Visit(type, from, type.Name);
        }
        return graph;
    }

    /// <summary>
    /// Adds what the IL does not show: the <c>using</c> directives and qualified names (doc references included) of the
    /// C# files under <paramref name="sourceFolder"/>. A constant is copied into the IL of its user, so a folder that
    /// reads another's constant, or points a reader at it, shows only here.
    /// </summary>
    public NamespaceGraph WithSource(string sourceFolder)
    {
        var usings = new Regex(@"^using (" + Regex.Escape(Root) + @"(?:\.\w+)?);", RegexOptions.Multiline);
        var qualified = new Regex(@"(?<![\w.])(" + Regex.Escape(Root) + @"\.[A-Z]\w*)\.[A-Z]");
        var declared = new Regex(@"^namespace (" + Regex.Escape(Root) + @"(?:\.\w+)?)", RegexOptions.Multiline);
        foreach (var file in Directory.EnumerateFiles(sourceFolder, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(sourceFolder, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj") continue;
            var text = File.ReadAllText(file);
            if (declared.Match(text) is not { Success: true } ns) continue;
            var from = ns.Groups[1].Value;
            _edges.TryAdd(from, new(StringComparer.Ordinal));
            foreach (var to in usings.Matches(text).Concat(qualified.Matches(text)).Select(m => m.Groups[1].Value).Distinct())
            {
                if (to == from || !_edges.ContainsKey(to)) continue;
                if (!_edges[from].TryGetValue(to, out var examples)) _edges[from][to] = examples = new(StringComparer.Ordinal);
                if (examples.Count < 5) examples.Add($"{relative} (source)");
            }
        }
        return this;
    }

    /// <summary>The namespaces <paramref name="node"/> uses directly, each with up to five examples of a use.</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> UsesOf(string node) =>
        _edges.TryGetValue(node, out var uses) ? uses : new Dictionary<string, SortedSet<string>>();

    /// <summary>Groups of namespaces that reach each other (strongly connected components of more than one node).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();
        var next = 0;
        void Connect(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in UsesOf(v).Keys)
            {
                if (!index.ContainsKey(w)) { Connect(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string popped;
            do { popped = stack.Pop(); onStack.Remove(popped); component.Add(popped); } while (popped != v);
            if (component.Count > 1) cycles.Add([.. component.Order(StringComparer.Ordinal)]);
        }
        foreach (var node in _edges.Keys.Order(StringComparer.Ordinal)) if (!index.ContainsKey(node)) Connect(node);
        return cycles;
    }

    private string? NodeOf(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        var ns = type.Namespace;
        if (ns == Root) return Root;
        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal)) return null;
        var dot = ns.IndexOf('.', Root.Length + 1);
        return dot < 0 ? ns : ns[..dot];
    }

    private void Visit(TypeDefinition type, string from, string where)
    {
        Use(type.BaseType, from, where);
        foreach (var i in type.Interfaces) Use(i.InterfaceType, from, where);
        foreach (var a in type.CustomAttributes) Attribute(a, from, where);
        foreach (var f in type.Fields)
        {
            Use(f.FieldType, from, $"{where}.{f.Name}");
            foreach (var a in f.CustomAttributes) Attribute(a, from, where);
        }
        foreach (var p in type.Properties)
        {
            Use(p.PropertyType, from, $"{where}.{p.Name}");
            foreach (var a in p.CustomAttributes) Attribute(a, from, where);
        }
        foreach (var m in type.Methods) Method(m, from, where);
        foreach (var nested in type.NestedTypes) Visit(nested, from, where);
    }

    private void Method(MethodDefinition method, string from, string where)
    {
        var at = $"{where}.{method.Name}";
        Use(method.ReturnType, from, at);
        foreach (var p in method.Parameters) Use(p.ParameterType, from, at);
        foreach (var a in method.CustomAttributes) Attribute(a, from, at);
        if (!method.HasBody) return;
        foreach (var v in method.Body.Variables) Use(v.VariableType, from, at);
        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference t:
                    Use(t, from, at);
                    break;
                case MethodReference m:
                    Use(m.DeclaringType, from, at);
                    Use(m.ReturnType, from, at);
                    foreach (var p in m.Parameters) Use(p.ParameterType, from, at);
                    if (m is GenericInstanceMethod g) foreach (var arg in g.GenericArguments) Use(arg, from, at);
                    break;
                case FieldReference f:
                    Use(f.DeclaringType, from, at);
                    Use(f.FieldType, from, at);
                    break;
            }
        }
    }

    private void Attribute(CustomAttribute attribute, string from, string where)
    {
        Use(attribute.AttributeType, from, where);
        foreach (var arg in attribute.ConstructorArguments) if (arg.Value is TypeReference t) Use(t, from, where);
    }

    private void Use(TypeReference? type, string from, string where)
    {
        switch (type)
        {
            case null:
            case GenericParameter:
                return;
            case GenericInstanceType g:
                Use(g.ElementType, from, where);
                foreach (var arg in g.GenericArguments) Use(arg, from, where);
                return;
            case TypeSpecification s:
                Use(s.ElementType, from, where);
                return;
        }
        if (NodeOf(type) is not { } to || to == from) return;
        if (!_edges[from].TryGetValue(to, out var examples)) _edges[from][to] = examples = new(StringComparer.Ordinal);
        if (examples.Count < 5) examples.Add($"{where} → {type.Name}");
    }
}
