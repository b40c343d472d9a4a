namespace GoEscape.Types;

public enum SelectionKind { FieldVal, MethodVal, MethodExpr }

/// <summary>A selector expression x.f (models types2.Selection).</summary>
public sealed class Selection
{
    public SelectionKind Kind { get; }
    /// <summary>Type of x in x.f.</summary>
    public GoType Recv { get; }
    public GoObject Obj { get; }
    /// <summary>Path of field/embedded-field indices to the entity; last entry is the field or method index.</summary>
    public IReadOnlyList<int> Index { get; }
    /// <summary>Whether any pointer indirection was needed to get from x to f.</summary>
    public bool Indirect { get; }

    public Selection(SelectionKind kind, GoType recv, GoObject obj, IReadOnlyList<int> index, bool indirect)
    {
        Kind = kind; Recv = recv; Obj = obj; Index = index; Indirect = indirect;
    }

    /// <summary>Type of x.f (for MethodVal: signature without receiver; MethodExpr: receiver as first param).</summary>
    public GoType Type => SelectionUtil.SelectionType(this);
    public override string ToString() => GoTypes.SelectionString(this, null);
}

/// <summary>A method set (models go/types.MethodSet): ordered by Id.</summary>
public sealed class MethodSet
{
    private readonly Selection[] _list;
    internal MethodSet(Selection[] list) { _list = list; }
    public int Len => _list.Length;
    public Selection At(int i) => _list[i];
    public IReadOnlyList<Selection> List => _list;
    public Selection? Lookup(Package? pkg, string name)
    {
        foreach (var s in _list) if (s.Obj.SameId(pkg, name, false)) return s;
        return null;
    }
    public override string ToString()
    {
        if (_list.Length == 0) return "MethodSet {}";
        var sb = new System.Text.StringBuilder("MethodSet {\n");
        foreach (var s in _list) sb.Append('\t').Append(s).Append('\n');
        sb.Append("}\n");
        return sb.ToString();
    }
}

/// <summary>Sizes computes memory layout (models types2.Sizes).</summary>
public interface ISizes
{
    long Alignof(GoType t);
    long[] Offsetsof(IReadOnlyList<Var> fields);
    long Sizeof(GoType t);
}

/// <summary>Reasons collected by AssignableTo/Implements when a cause is requested.</summary>
public sealed class Cause
{
    /// <summary>Qualifier used to print types in the message (the checker's).</summary>
    public Qualifier? Qualifier { get; init; }
    public string Message { get; set; } = "";
    internal string Sprintf(string format, params object[] args) => new TypeError(format, args).ToString(Qualifier);
    public override string ToString() => Message;
}
