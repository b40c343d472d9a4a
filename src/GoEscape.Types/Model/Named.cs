namespace GoEscape.Types;

/// <summary>Data a lazily loaded Named type produces on first use (models the loader of types2.Named).</summary>
public readonly record struct NamedLoadResult(IReadOnlyList<TypeParam>? TypeParams, GoType? Rhs, IReadOnlyList<Func>? Methods);

/// <summary>A defined (named) type, possibly generic, possibly an instance (models types2.Named).</summary>
public sealed class Named : GoType
{
    private GoType? _fromRhs;          // declaration RHS (may be Named/Alias: resolved lazily)
    private GoType? _underlying;       // cached resolved underlying
    private TypeParamList _tparams = TypeParamList.Empty;
    private List<Func> _methods = [];
    private Func<Named, NamedLoadResult>? _loader;
    internal readonly Instance? Inst;

    internal sealed class Instance
    {
        public required Named Orig;
        public required TypeList TypeArgs;
        public Func?[] ExpandedMethods = [];
        public Context? Ctxt;
        public bool Expanded;
    }

    public TypeName Obj { get; }

    /// <summary>Models types.NewNamed: if obj.Type is null it is set to the new type. underlying may be null and set later
    /// with SetUnderlying (the RHS may be another Named/Alias; Underlying() follows the chain lazily).</summary>
    public Named(TypeName obj, GoType? underlying, IReadOnlyList<Func>? methods = null)
    {
        Obj = obj;
        if (obj.Type is null) obj.Type = this;
        _fromRhs = underlying;
        if (methods is not null) _methods.AddRange(methods);
    }

    // instance constructor (models newNamedInstance)
    internal Named(TypeName obj, Named orig, GoType[] targs, Context? ctxt)
    {
        Obj = obj;
        Inst = new Instance { Orig = orig, TypeArgs = new TypeList(targs), Ctxt = ctxt };
        Inst.ExpandedMethods = new Func?[orig.NumMethods];
    }

    /// <summary>Sets a loader invoked on first access of TypeParams/Underlying/Methods (lazy declaration checking).</summary>
    public void SetLoader(Func<Named, NamedLoadResult> loader)
    {
        lock (_lock) { _loader = loader; _unpacked = false; }
    }

    // Models Named.unpack: runs the loader or expands an instance once, under the type's lock (as types2 does with
    // n.mu). A re-entrant call on the same thread (recursive types) sees the partially set-up type.
    private readonly Lock _lock = new();
    private volatile bool _unpacked;
    private bool _unpacking;

    private void Unpack()
    {
        if (_unpacked) return;
        lock (_lock)
        {
            if (_unpacked || _unpacking) return;
            _unpacking = true;
            try
            {
                if (_loader is { } load)
                {
                    _loader = null;
                    var r = load(this);
                    if (r.TypeParams is { Count: > 0 }) _tparams = TypeParamList.Bind(r.TypeParams);
                    if (r.Rhs is not null) _fromRhs = r.Rhs;
                    if (r.Methods is not null) _methods.AddRange(r.Methods);
                }
                if (Inst is { Expanded: false } inst)
                {
                    inst.Orig.Unpack();
                    _tparams = inst.Orig._tparams;
                    // expand only once the origin's RHS is known (the checker may create instances while the generic
                    // declaration is still being checked); until then Underlying() reports Invalid without caching
                    if (inst.Orig._fromRhs is not null)
                    {
                        inst.Expanded = true;
                        _fromRhs = Instantiation.ExpandRhs(this);
                    }
                }
            }
            finally { _unpacking = false; }
            _unpacked = _loader is null && Inst is not { Expanded: false };
        }
    }

    /// <summary>The origin generic type for instances; this otherwise.</summary>
    public Named Origin => Inst?.Orig ?? this;
    public bool IsInstance => Inst is not null;

    public TypeParamList TypeParams { get { Unpack(); return Inst is not null ? Inst.Orig.TypeParams : _tparams; } }
    public void SetTypeParams(IReadOnlyList<TypeParam> tparams) { Unpack(); _tparams = TypeParamList.Bind(tparams); }
    public TypeList TypeArgs => Inst?.TypeArgs ?? TypeList.Empty;

    /// <summary>The RHS of the declaration (may be Named/Alias), or null if not yet set.</summary>
    public GoType? Rhs { get { Unpack(); return _fromRhs; } }

    /// <summary>Sets the declared RHS / underlying (models SetUnderlying; also used for forwarding RHS while checking).</summary>
    public void SetUnderlying(GoType underlying)
    {
        Unpack();
        _fromRhs = underlying ?? throw new ArgumentNullException(nameof(underlying));
        _underlying = null;
    }

    public int NumMethods { get { Unpack(); return Inst is not null ? Inst.Orig.NumMethods : _methods.Count; } }

    /// <summary>The i'th declared method (not the method set); for instances the method is substituted lazily.</summary>
    public Func Method(int i)
    {
        Unpack();
        if (Inst is null) return _methods[i];
        if (Inst.ExpandedMethods.Length != Inst.Orig.NumMethods)
            lock (_lock) if (Inst.ExpandedMethods.Length != Inst.Orig.NumMethods) System.Array.Resize(ref Inst.ExpandedMethods, Inst.Orig.NumMethods);
        if (Volatile.Read(ref Inst.ExpandedMethods[i]) is { } m) return m;
        var expanded = Instantiation.ExpandMethod(this, i);
        return Interlocked.CompareExchange(ref Inst.ExpandedMethods[i], expanded, null) ?? expanded;
    }

    public IEnumerable<Func> Methods { get { for (int i = 0; i < NumMethods; i++) yield return Method(i); } }

    public void AddMethod(Func m)
    {
        if (Inst is not null) throw new InvalidOperationException("cannot add method to instance");
        Unpack();
        if (MethodIndex(m.Name, false) < 0) _methods.Add(m);
    }

    internal int MethodIndex(string name, bool foldCase)
    {
        var o = Origin; o.Unpack();
        for (int i = 0; i < o._methods.Count; i++)
        {
            var m = o._methods[i];
            if (m.Name == name || (foldCase && string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))) return i;
        }
        return -1;
    }

    /// <summary>Models types2.(*Named).lookupMethod.</summary>
    internal (int Index, Func? Method) LookupMethod(Package? pkg, string name, bool foldCase)
    {
        Unpack();
        if (ObjectOrder.SamePkg(Obj.Pkg, pkg) || GoObject.IsExported(name) || foldCase)
        {
            int i = MethodIndex(name, foldCase);
            if (i >= 0) return (i, Method(i));
        }
        return (-1, null);
    }

    /// <summary>Resolves the RHS chain (models resolveUnderlying). Null RHS yields Invalid (not cached).</summary>
    public override GoType Underlying()
    {
        if (_underlying is not null) return _underlying;
        Unpack();
        var path = new List<Named>();
        GoType? u = null;
        GoType? rhs = this;
        while (u is null)
        {
            switch (rhs)
            {
                case null:
                    return Universe.Typ[(int)BasicKind.Invalid]; // incomplete: don't memoize
                case Alias a:
                    rhs = a.Actual();
                    break;
                case Named t:
                    if (t._underlying is not null) { u = t._underlying; break; }
                    if (path.Contains(t)) { u = Universe.Typ[(int)BasicKind.Invalid]; break; } // cycle
                    path.Add(t);
                    t.Unpack();
                    rhs = t._fromRhs;
                    break;
                default:
                    u = rhs;
                    break;
            }
        }
        foreach (var t in path) t._underlying ??= u;
        return _underlying ?? u;
    }

    /// <summary>The underlying as currently known, without expanding or loading (models safeUnderlying).</summary>
    internal GoType? SafeUnderlying => _underlying ?? (_fromRhs is Named or Alias ? null : _fromRhs);
}

/// <summary>A materialised alias type (models types2.Alias), possibly generic or an instance of a generic alias.</summary>
public sealed class Alias : GoType
{
    private GoType? _actual;
    public TypeName Obj { get; }
    public Alias Origin { get; internal set; }
    public TypeParamList TypeParams { get; private set; } = TypeParamList.Empty;
    public TypeList TypeArgs { get; internal set; } = TypeList.Empty;
    /// <summary>The RHS as written (may be another alias). Null if incomplete.</summary>
    public GoType? Rhs { get; private set; }

    /// <summary>Models types.NewAlias (sets obj.Type if null).</summary>
    public Alias(TypeName obj, GoType? rhs)
    {
        Obj = obj;
        Origin = this;
        Rhs = rhs;
        if (obj.Type is null) obj.Type = this;
    }

    public void SetTypeParams(IReadOnlyList<TypeParam> tparams) => TypeParams = TypeParamList.Bind(tparams);
    internal void SetTypeParamsList(TypeParamList l) => TypeParams = l;
    /// <summary>Checker hook: set the RHS once known.</summary>
    public void SetRhs(GoType rhs) { Rhs = rhs; _actual = null; }

    /// <summary>The actual (non-alias) type this alias denotes (models unalias); null if incomplete.</summary>
    public GoType? Actual()
    {
        if (_actual is not null) return _actual;
        GoType? t = this;
        int guard = 0;
        while (t is Alias a)
        {
            t = a.Rhs;
            if (++guard > 10000) return Universe.Typ[(int)BasicKind.Invalid];
        }
        if (t is not null) _actual = t;
        return t;
    }

    public override GoType Underlying() => Actual()?.Underlying() ?? Universe.Typ[(int)BasicKind.Invalid];
}
