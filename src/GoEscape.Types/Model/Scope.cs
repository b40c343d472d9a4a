namespace GoEscape.Types;

/// <summary>A lexical scope (models types2.Scope).</summary>
public sealed class Scope
{
    private readonly Dictionary<string, GoObject> _elems = new(StringComparer.Ordinal);
    private readonly List<Scope> _children = [];
    /// <summary>Function scopes are marked so LookupParent can stop at package level lookups when needed.</summary>
    public bool IsFunc { get; set; }
    public Scope? Parent { get; }
    public SourcePos Pos { get; set; }
    public SourcePos End { get; set; }
    public string Comment { get; }

    public Scope(Scope? parent, SourcePos pos, SourcePos end, string comment)
    {
        Parent = parent; Pos = pos; End = end; Comment = comment;
        // don't add children to Universe scope
        if (parent is not null && !ReferenceEquals(parent, Universe.Scope)) parent._children.Add(this);
    }

    public int Len => _elems.Count + (_lazy?.Count ?? 0);
    public int NumChildren => _children.Count;
    public Scope Child(int i) => _children[i];
    public IReadOnlyList<Scope> Children => _children;

    /// <summary>Names in sorted (ordinal) order.</summary>
    public string[] Names()
    {
        var names = new string[Len];
        _elems.Keys.CopyTo(names, 0);
        _lazy?.Keys.CopyTo(names, _elems.Count);
        System.Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    private Dictionary<string, Func<GoObject>>? _lazy;

    public GoObject? Lookup(string name)
    {
        if (_elems.TryGetValue(name, out var obj)) return obj;
        return _lazy is null ? null : ResolveLazy(name);
    }

    private GoObject? ResolveLazy(string name)
    {
        lock (_elems)
        {
            if (_elems.TryGetValue(name, out var obj)) return obj;
            if (!_lazy!.Remove(name, out var resolve)) return null;
            obj = resolve();
            if (obj.Name != name) throw new InvalidOperationException($"lazy object {obj.Name} inserted as {name}");
            obj.Parent ??= this;
            _elems[name] = obj;
            return obj;
        }
    }

    /// <summary>Models Scope.InsertLazy: the object is constructed on first Lookup. False if name is taken.</summary>
    public bool InsertLazy(string name, Func<GoObject> resolve)
    {
        if (_elems.ContainsKey(name) || (_lazy?.ContainsKey(name) ?? false)) return false;
        (_lazy ??= new Dictionary<string, Func<GoObject>>(StringComparer.Ordinal))[name] = resolve;
        return true;
    }

    /// <summary>Models lookupIgnoringCase: objects whose names match ignoring case (exported ones only if exported).</summary>
    public List<GoObject> LookupIgnoringCase(string name, bool exported)
    {
        var matches = new List<GoObject>();
        foreach (var n in Names())
            if ((!exported || GoObject.IsExported(n)) && string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
                matches.Add(Lookup(n)!);
        return matches;
    }

    /// <summary>Models Scope.LookupParent: searches this scope and its parents; an object found in a local scope is only
    /// returned if its ScopePos is at or before pos (if pos is known).</summary>
    public (Scope? Scope, GoObject? Obj) LookupParent(string name, SourcePos pos = default)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s.Lookup(name) is { } obj && (!pos.IsKnown || !obj.ScopePos.IsKnown || PosLeq(obj.ScopePos, pos)))
                return (s, obj);
        }
        return (null, null);
    }

    private static bool PosLeq(SourcePos a, SourcePos b) => a.Line < b.Line || (a.Line == b.Line && a.Col <= b.Col);

    /// <summary>Inserts obj if no object with the same name exists; returns the existing object otherwise (null on success).
    /// Sets obj.Parent if it was null.</summary>
    public GoObject? Insert(GoObject obj)
    {
        if (Lookup(obj.Name) is { } alt) return alt;
        _elems[obj.Name] = obj;
        obj.Parent ??= this;
        return null;
    }

    /// <summary>Models InsertLazy-free replacement used by the checker for redeclaration recovery.</summary>
    internal void Replace(GoObject obj) => _elems[obj.Name] = obj;

    /// <summary>Innermost scope containing pos (only if positions are set).</summary>
    public bool Contains(SourcePos pos) => PosLeq(Pos, pos) && (pos.Line < End.Line || (pos.Line == End.Line && pos.Col < End.Col));

    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(Comment).Append(" scope {");
        foreach (var n in Names()) sb.Append(' ').Append(n);
        sb.Append(" }");
        return sb.ToString();
    }
}

/// <summary>A Go package (models types2.Package).</summary>
public sealed class Package
{
    private readonly List<Package> _imports = [];
    public string Path { get; }
    public string Name { get; set; }
    public Scope Scope { get; }
    public bool Complete { get; set; }
    /// <summary>Minimum Go version required, e.g. "go1.21" ("" if unknown).</summary>
    public string GoVersion { get; set; } = "";
    /// <summary>Whether the package is a fake (incomplete) package.</summary>
    public bool Fake { get; set; }

    public Package(string path, string name)
    {
        Path = path; Name = name;
        Scope = new Scope(Universe.Scope, SourcePos.None, SourcePos.None, "package " + path);
    }

    // for unsafe (no universe link so it isn't a child)
    internal Package(string path, string name, Scope scope) { Path = path; Name = name; Scope = scope; }

    public IReadOnlyList<Package> Imports => _imports;
    public void SetImports(IEnumerable<Package> list) { _imports.Clear(); _imports.AddRange(list); }
    public void AddImport(Package p) { if (!_imports.Contains(p)) _imports.Add(p); }

    public override string ToString() => $"package {Name} (\"{Path}\")";
}
