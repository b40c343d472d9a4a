namespace GoEscape.Types;

/// <summary>An interface type (models types2.Interface). Methods are the explicitly declared methods (sorted by Id
/// order as in types2.sortMethods); Embeddeds are embedded elements (interfaces, unions, ~T, plain types) in source order.</summary>
public sealed class Interface : GoType
{
    private readonly List<Func> _methods;
    private readonly List<GoType> _embeddeds;
    internal TypeSet? _tset;
    internal SourcePos[]? EmbedPositions;

    /// <summary>interface{} (the shared empty interface).</summary>
    public static readonly Interface Empty = new([], []);

    /// <summary>Models types.NewInterfaceType: sets the receiver of methods without one to the interface and sorts methods.</summary>
    public Interface(IReadOnlyList<Func> methods, IReadOnlyList<GoType> embeddeds)
    {
        _methods = [.. methods];
        _embeddeds = [.. embeddeds];
        foreach (var m in _methods)
        {
            if (m.Type is Signature sig && sig.Recv is null)
                sig.Recv = Var.NewVar(VarKind.RecvVar, m.Pos, m.Pkg, "", this);
        }
        ObjectOrder.SortMethods(_methods);
    }

    // raw constructor for substitution: methods are taken as is (already sorted)
    internal Interface(List<Func> methods, List<GoType> embeddeds, SourcePos[]? embedPos, bool implicitIface)
    {
        _methods = methods;
        _embeddeds = embeddeds;
        EmbedPositions = embedPos;
        IsImplicit = implicitIface;
    }

    internal void ReplaceMethods(List<Func> methods) { _methods.Clear(); _methods.AddRange(methods); _tset = null; }

    /// <summary>For the checker: an interface whose methods/embeddeds are filled in later via AddMethod/AddEmbedded then Complete().</summary>
    public static Interface NewIncomplete() => new([], []) { IsComplete = false };

    public bool IsComplete { get; private set; } = true;
    public bool IsImplicit { get; internal set; }
    public void MarkImplicit() => IsImplicit = true;

    public void AddMethod(Func m) { if (IsComplete) throw new InvalidOperationException("interface is complete"); _methods.Add(m); }
    public void AddEmbedded(GoType t, SourcePos pos = default)
    {
        if (IsComplete) throw new InvalidOperationException("interface is complete");
        _embeddeds.Add(t);
        var n = EmbedPositions?.Length ?? 0;
        System.Array.Resize(ref EmbedPositions, n + 1);
        EmbedPositions[n] = pos;
    }
    /// <summary>Finish construction (sorts explicit methods). Does not compute the type set (lazy).</summary>
    public Interface Complete()
    {
        if (!IsComplete) { ObjectOrder.SortMethods(_methods); IsComplete = true; }
        return this;
    }

    public int NumExplicitMethods => _methods.Count;
    public Func ExplicitMethod(int i) => _methods[i];
    public IReadOnlyList<Func> ExplicitMethods => _methods;
    public int NumEmbeddeds => _embeddeds.Count;
    public GoType EmbeddedType(int i) => _embeddeds[i];
    public IReadOnlyList<GoType> Embeddeds => _embeddeds;

    /// <summary>The type set (computed lazily; models computeInterfaceTypeSet).</summary>
    public TypeSet TypeSet() => _tset ?? TypeSets.ComputeInterfaceTypeSet(this, null);

    public int NumMethods => TypeSet().NumMethods;
    public Func Method(int i) => TypeSet().Method(i);
    /// <summary>All methods incl. those of embedded interfaces, sorted.</summary>
    public IReadOnlyList<Func> AllMethods => TypeSet().Methods;
    public bool IsEmpty => TypeSet().IsAll;
    public bool IsComparable() => TypeSet().IsComparable(null);
    public bool IsMethodSet() => TypeSet().IsMethodSet;

    public override GoType Underlying() => this;
}
