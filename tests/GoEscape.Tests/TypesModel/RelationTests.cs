using Tuple = GoEscape.Types.Tuple;
using Func = GoEscape.Types.Func;
using GoEscape.Types;
using static GoEscape.Tests.TypesModel.B;

namespace GoEscape.Tests.TypesModel;

public sealed class RelationTests
{
    private sealed class World
    {
        public readonly Package Bytes = new("bytes", "bytes");
        public readonly Package Io = new("io", "io");
        public readonly Package Q = new("q", "q");
        public readonly Named Buffer, Writer, MyInt, MySlice, IntSlice, W, T1, T2, Num;

        public World()
        {
            Buffer = DeclNamed(Bytes, "Buffer", new Struct([Field(Bytes, "buf", new Slice(GoByte))]));
            Method(Buffer, "Write", true, new Tuple(Param(Bytes, "p", new Slice(GoByte))), new Tuple(Result("n", Int), Result("err", Error)));
            Writer = DeclNamed(Io, "Writer", new Interface([IMethod(Io, "Write", new Tuple(Param(Io, "p", new Slice(GoByte))), new Tuple(Result("n", Int), Result("err", Error)))], []));
            MyInt = DeclNamed(Q, "MyInt", Int);
            MySlice = DeclNamed(Q, "MySlice", new Slice(Int));
            IntSlice = DeclNamed(Q, "IntSlice", new Slice(Int));
            W = DeclNamed(Q, "W", new Interface([IMethod(Q, "Write", Params(new Slice(GoByte)), Results(Int, Error))], []));
            T1 = DeclNamed(Q, "T1", Struct.Empty);
            Method(T1, "Write", false, new Tuple(Param(Q, "p", new Slice(GoByte))), new Tuple(Result("n", Int), Result("err", Error)));
            Method(T1, "write", false, new Tuple(Param(Q, "p", new Slice(GoByte))), Tuple.Empty);
            T2 = DeclNamed(Q, "T2", Struct.Empty);
            Method(T2, "Write", false, new Tuple(Param(Q, "p", new Slice(GoByte))), Tuple.Empty);
            Num = DeclNamed(Q, "Num", new Interface([], [new Union([new Term(true, Int), new Term(true, F64)])]));
        }
    }

    private static Qualifier Rel(Package p) => GoTypes.RelativeTo(p)!;

    [Fact]
    public void Identity()
    {
        Assert.True(GoTypes.Identical(new Slice(Int), new Slice(Int)));
        Assert.False(GoTypes.Identical(new Slice(Int), new Slice(T(BasicKind.Int64))));
        Assert.True(GoTypes.Identical(Universe.ByteType, T(BasicKind.Uint8)));
        Assert.True(GoTypes.Identical(Universe.Any, Interface.Empty));
        var w = new World();
        Assert.False(GoTypes.Identical(w.MyInt, Int));
        Assert.False(GoTypes.Identical(w.MySlice, w.IntSlice));
        var f1 = Func(new Tuple(Param("a", Int)), Results(Str));
        var f2 = Func(new Tuple(Param("b", Int)), new Tuple(Result("r", Str)));
        Assert.True(GoTypes.Identical(f1, f2));
        Assert.False(GoTypes.Identical(Func(Params(new Slice(Int)), Tuple.Empty, true), Func(Params(new Slice(Int)), Tuple.Empty, false)));
        var s1 = new Struct([Field(w.Q, "a", Int)], ["x"]);
        var s2 = new Struct([Field(w.Q, "a", Int)], ["y"]);
        Assert.False(GoTypes.Identical(s1, s2));
        Assert.True(GoTypes.IdenticalIgnoreTags(s1, s2));
        // unexported field names from different packages differ
        Assert.False(GoTypes.Identical(new Struct([Field(w.Q, "a", Int)]), new Struct([Field(w.Io, "a", Int)])));
        Assert.True(GoTypes.Identical(new Struct([Field(w.Q, "A", Int)]), new Struct([Field(w.Io, "A", Int)])));
        // interfaces: structural
        Assert.True(GoTypes.Identical(w.W.Underlying(), w.Writer.Underlying())); // exported method, param names ignored
        // generic signatures identical modulo renaming
        var t1 = TParam(w.Q, "T", Universe.Any);
        var t2 = TParam(w.Q, "U", Universe.Any);
        var g1 = new Signature(null, null, [t1], Params(t1), Tuple.Empty, false);
        var g2 = new Signature(null, null, [t2], Params(t2), Tuple.Empty, false);
        Assert.True(GoTypes.Identical(g1, g2));
        var t3 = TParam(w.Q, "V", Universe.Comparable);
        Assert.False(GoTypes.Identical(g1, new Signature(null, null, [t3], Params(t3), Tuple.Empty, false)));
        // arrays
        Assert.False(GoTypes.Identical(new GoEscape.Types.Array(Int, 3), new GoEscape.Types.Array(Int, 4)));
        Assert.True(GoTypes.Identical(new GoEscape.Types.Array(Int, -1), new GoEscape.Types.Array(Int, 4)));
        // instances
        Assert.True(GoTypes.Identical(new Chan(ChanDir.RecvOnly, Int), new Chan(ChanDir.RecvOnly, Int)));
        Assert.False(GoTypes.Identical(new Chan(ChanDir.RecvOnly, Int), new Chan(ChanDir.SendRecv, Int)));
    }

    [Fact]
    public void InterfaceIdentityIsStructural()
    {
        var w = new World();
        // W and io.Writer have exported identical methods (param names ignored): identical underlying interfaces
        var a = new Interface([IMethod(w.Q, "M", Params(Int), Tuple.Empty)], []);
        var b = new Interface([IMethod(w.Io, "M", new Tuple(Param("x", Int)), Tuple.Empty)], []);
        Assert.True(GoTypes.Identical(a, b));
        var c = new Interface([IMethod(w.Q, "m", Params(Int), Tuple.Empty)], []);
        var d = new Interface([IMethod(w.Io, "m", Params(Int), Tuple.Empty)], []);
        Assert.False(GoTypes.Identical(c, d));
        var emb = new Interface([], [a]);
        Assert.True(GoTypes.Identical(emb, a));
    }

    [Fact]
    public void Assignability()
    {
        var w = new World();
        Assert.False(GoTypes.AssignableTo(w.MyInt, Int));
        Assert.True(GoTypes.AssignableTo(new Slice(Int), w.MySlice));
        Assert.True(GoTypes.AssignableTo(w.MySlice, new Slice(Int)));
        Assert.False(GoTypes.AssignableTo(w.MySlice, w.IntSlice));
        Assert.True(GoTypes.AssignableTo(new Pointer(w.Buffer), w.Writer));
        var cause = new Cause { Qualifier = Rel(w.Q) };
        Assert.False(GoTypes.AssignableTo(w.Buffer, w.Writer, cause));
        Assert.Equal("bytes.Buffer does not implement io.Writer (method Write has pointer receiver)", cause.Message);
        cause = new Cause { Qualifier = Rel(w.Q) };
        Assert.False(GoTypes.AssignableTo(w.T2, w.W, cause));
        Assert.Equal("T2 does not implement W (wrong type for method Write)\n\t\thave Write([]byte)\n\t\twant Write([]byte) (int, error)", cause.Message);
        cause = new Cause { Qualifier = Rel(w.Q) };
        var im = new Interface([IMethod(w.Q, "M", Tuple.Empty, Tuple.Empty)], []);
        Assert.False(GoTypes.AssignableTo(w.MyInt, im, cause));
        Assert.Equal("MyInt does not implement interface{M()} (missing method M)", cause.Message);
        Assert.True(GoTypes.AssignableTo(w.T1, w.W));
        Assert.True(GoTypes.AssignableTo(w.T1, w.Writer));
        // channels
        Assert.True(GoTypes.AssignableTo(new Chan(ChanDir.SendRecv, Int), new Chan(ChanDir.RecvOnly, Int)));
        Assert.False(GoTypes.AssignableTo(new Chan(ChanDir.RecvOnly, Int), new Chan(ChanDir.SendRecv, Int)));
        // untyped
        Assert.True(GoTypes.AssignableTo(T(BasicKind.UntypedNil), new Pointer(Int)));
        Assert.True(GoTypes.AssignableTo(T(BasicKind.UntypedNil), w.Writer));
        Assert.False(GoTypes.AssignableTo(T(BasicKind.UntypedNil), Int));
        Assert.True(GoTypes.AssignableTo(T(BasicKind.UntypedInt), F64));
        Assert.True(GoTypes.AssignableTo(T(BasicKind.UntypedInt), w.MyInt));
        Assert.False(GoTypes.AssignableTo(T(BasicKind.UntypedInt), Str));
        Assert.True(GoTypes.AssignableTo(T(BasicKind.UntypedBool), Universe.Any));
        Assert.False(GoTypes.AssignableTo(T(BasicKind.UntypedBool), w.Writer));
        // interface to concrete
        cause = new Cause();
        Assert.False(GoTypes.AssignableTo(w.Writer, new Pointer(w.Buffer), cause));
        Assert.Equal("need type assertion", cause.Message);
        // everything goes to any; invalid is assignable (follow-on suppression)
        Assert.True(GoTypes.AssignableTo(w.Buffer, Universe.Any));
        Assert.True(GoTypes.AssignableTo(Universe.Invalid, Int));
    }

    [Fact]
    public void Conversions()
    {
        var w = new World();
        Assert.True(GoTypes.ConvertibleTo(w.MyInt, Int));
        Assert.True(GoTypes.ConvertibleTo(Int, Str));
        Assert.True(GoTypes.ConvertibleTo(new Slice(GoByte), Str));
        Assert.True(GoTypes.ConvertibleTo(Str, new Slice(Universe.RuneType)));
        Assert.False(GoTypes.ConvertibleTo(Str, new Slice(Int)));
        Assert.True(GoTypes.ConvertibleTo(F64, T(BasicKind.Uint8)));
        Assert.False(GoTypes.ConvertibleTo(F64, T(BasicKind.Complex128)));
        Assert.True(GoTypes.ConvertibleTo(T(BasicKind.Complex64), T(BasicKind.Complex128)));
        var up = T(BasicKind.UnsafePointer);
        Assert.True(GoTypes.ConvertibleTo(new Pointer(Int), up));
        Assert.True(GoTypes.ConvertibleTo(up, T(BasicKind.Uintptr)));
        Assert.True(GoTypes.ConvertibleTo(T(BasicKind.Uintptr), up));
        Assert.False(GoTypes.ConvertibleTo(Int, up));
        Assert.True(GoTypes.ConvertibleTo(new Slice(Int), new GoEscape.Types.Array(Int, 4)));
        Assert.True(GoTypes.ConvertibleTo(new Slice(Int), new Pointer(new GoEscape.Types.Array(Int, 4))));
        Assert.False(GoTypes.ConvertibleTo(new Slice(Int), new GoEscape.Types.Array(Str, 4)));
        var s1 = new Struct([Field(w.Q, "a", Int)], ["x"]);
        var s2 = new Struct([Field(w.Q, "a", Int)], ["y"]);
        Assert.True(GoTypes.ConvertibleTo(s1, s2));
        Assert.True(GoTypes.ConvertibleTo(new Pointer(s1), new Pointer(s2)));
        Assert.True(GoTypes.ConvertibleTo(w.MySlice, w.IntSlice));
        Assert.False(GoTypes.ConvertibleTo(Str, Int));
        Assert.False(GoTypes.ConvertibleTo(Universe.Any, Int));
    }

    [Fact]
    public void ComparableAndTypeSets()
    {
        var w = new World();
        Assert.True(GoTypes.Comparable(Int));
        Assert.False(GoTypes.Comparable(new Slice(Int)));
        Assert.False(GoTypes.Comparable(new Struct([Field(w.Q, "s", new Slice(Int))])));
        Assert.True(GoTypes.Comparable(new GoEscape.Types.Array(new Pointer(Int), 3)));
        Assert.True(GoTypes.Comparable(w.Writer));
        Assert.False(GoTypes.Comparable(Func()));
        var err = Predicates.ComparableType(new Struct([Field(w.Q, "s", new Slice(Int))]), false, null);
        Assert.Equal("struct containing []int cannot be compared", err!.ToString());

        // interface{ ~int | string; int } has type set {int}
        var i1 = new Interface([], [new Union([new Term(true, Int), new Term(false, Str)]), Int]);
        Assert.Equal("{int}", i1.TypeSet().ToString());
        var i2 = new Interface([IMethod(w.Q, "M", Tuple.Empty, Tuple.Empty)], [Universe.Comparable]);
        Assert.Equal("{comparable; func (interface).M()}", i2.TypeSet().ToString());
        Assert.True(i2.IsComparable());
        var empty = new Interface([], [Int, Str]);
        Assert.True(empty.TypeSet().IsEmpty);
        Assert.Equal("∅", empty.TypeSet().ToString());
        Assert.Equal("𝓤", Interface.Empty.TypeSet().ToString());
        // comparable ∩ {int, []int} = {int}
        var i3 = new Interface([], [Universe.Comparable, new Union([new Term(false, Int), new Term(false, new Slice(Int))])]);
        Assert.Equal("{int}", i3.TypeSet().ToString());
        // ~int absorbs int and MyInt
        var i4 = new Interface([], [new Union([new Term(false, Int), new Term(true, Int), new Term(false, w.MyInt)])]);
        Assert.Equal("{~int}", i4.TypeSet().ToString());
        // embedded interface methods sorted: exported before unexported
        var i5 = new Interface([IMethod(w.Q, "b", Tuple.Empty, Tuple.Empty), IMethod(w.Q, "A", Tuple.Empty, Tuple.Empty)], [w.Writer]);
        Assert.Equal(["A", "Write", "b"], i5.AllMethods.Select(m => m.Name).ToArray());
    }

    [Fact]
    public void CoreTypes()
    {
        var w = new World();
        Assert.Same(Int, GoTypes.CoreType(w.MyInt));
        var tp = TParam(w.Q, "S", new Interface([], [new Union([new Term(true, new Slice(Int)), new Term(false, w.MySlice)])]));
        Assert.Equal("[]int", GoTypes.CoreType(tp)!.ToString());
        var tp2 = TParam(w.Q, "C", new Interface([], [new Union([new Term(false, new Chan(ChanDir.SendRecv, Int)), new Term(false, new Chan(ChanDir.RecvOnly, Int))])]));
        Assert.Equal("<-chan int", GoTypes.CoreType(tp2)!.ToString());
        var tp3 = TParam(w.Q, "X", new Interface([], [new Union([new Term(false, Int), new Term(false, Str)])]));
        Assert.Null(GoTypes.CoreType(tp3));
        var (_, e) = Predicates.CommonUnder(tp3, null);
        Assert.Equal("int and string have different underlying types", e!.ToString());
        Assert.Null(GoTypes.CoreType(TParam(w.Q, "Y", Universe.Any)));
        Assert.True(Predicates.AllNumeric(TParam(w.Q, "N", w.Num)));
        Assert.False(Predicates.AllInteger(TParam(w.Q, "N", w.Num)));
    }

    [Fact]
    public void ConstraintSatisfaction()
    {
        var w = new World();
        var cause = new Cause { Qualifier = Rel(w.Q) };
        Assert.False(GoTypes.Implements(Str, w.Num, true, cause));
        Assert.Equal("string does not satisfy Num (string missing in ~int | ~float64)", cause.Message);
        cause = new Cause { Qualifier = Rel(w.Q) };
        Assert.False(GoTypes.Implements(new Slice(Int), Universe.Comparable, true, cause));
        Assert.Equal("[]int does not satisfy comparable", cause.Message);
        Assert.True(GoTypes.Implements(Universe.Any, Universe.Comparable, true, null)); // spec-comparable (go1.20+)
        Assert.False(GoTypes.Implements(Universe.Any, Universe.Comparable, false, null));
        var sat = new Interface([IMethod(w.Q, "String", Tuple.Empty, Results(Str))], [new Union([new Term(true, Int)])]);
        cause = new Cause { Qualifier = Rel(w.Q) };
        Assert.False(GoTypes.Implements(w.MyInt, sat, true, cause));
        Assert.Equal("MyInt does not satisfy interface{String() string; ~int} (missing method String)", cause.Message);
        var str = DeclNamed(w.Q, "Str", Str);
        var only = new Interface([], [new Union([new Term(false, Int), new Term(false, Str)])]);
        cause = new Cause { Qualifier = Rel(w.Q) };
        Assert.False(GoTypes.Implements(str, only, true, cause));
        Assert.Equal("Str does not satisfy interface{int | string} (possibly missing ~ for string in interface{int | string})", cause.Message);
        Assert.True(GoTypes.Satisfies(w.MyInt, (Interface)w.Num.Underlying()));
        var (m, wrong) = GoTypes.MissingMethod(w.T2, (Interface)w.W.Underlying(), true);
        Assert.Equal("Write", m!.Name);
        Assert.True(wrong);
        Assert.True(GoTypes.AssertableTo(w.Writer, new Pointer(w.Buffer)));
        Assert.False(GoTypes.AssertableTo(w.Writer, w.Buffer));
    }
}

public sealed class TypeIdentityComparerTests
{
    [Fact]
    public void IdenticalTypesShareDictionarySlots()
    {
        var p = new Package("p", "p");
        var map = new Dictionary<GoType, int>(TypeIdentityComparer.Instance)
        {
            [new Slice(B.Int)] = 1,
            [new Map(B.Str, new Pointer(B.Int))] = 2,
            [new Struct([B.Field(p, "a", B.Int)], ["t"])] = 3,
            [B.Func(B.Params(B.Int), B.Results(B.Str))] = 4,
        };
        Assert.Equal(1, map[new Slice(B.Int)]);
        Assert.Equal(2, map[new Map(B.Str, new Pointer(B.Int))]);
        Assert.Equal(3, map[new Struct([B.Field(p, "a", B.Int)], ["t"])]);
        Assert.False(map.ContainsKey(new Struct([B.Field(p, "a", B.Int)], ["u"])));
        Assert.Equal(4, map[B.Func(new Tuple(B.Param("x", B.Int)), new Tuple(B.Result("r", B.Str)))]);
        Assert.False(map.ContainsKey(new Slice(B.Str)));
        Assert.Equal(TypeIdentityComparer.Instance.GetHashCode(Universe.Any), TypeIdentityComparer.Instance.GetHashCode(Interface.Empty));
        var t1 = B.TParam(p, "T", Universe.Any);
        var t2 = B.TParam(p, "U", Universe.Any);
        var g1 = new Signature(null, null, [t1], B.Params(t1), Tuple.Empty, false);
        var g2 = new Signature(null, null, [t2], B.Params(t2), Tuple.Empty, false);
        Assert.True(TypeIdentityComparer.Instance.Equals(g1, g2));
        Assert.Equal(TypeIdentityComparer.Instance.GetHashCode(g1), TypeIdentityComparer.Instance.GetHashCode(g2));
    }
}

public sealed class ScopeTests
{
    [Fact]
    public void ScopesInsertLookupAndOrder()
    {
        var pkg = new Package("p", "p");
        Assert.Same(Universe.Scope, pkg.Scope.Parent);
        var x = Var.NewVar(B.P, pkg, "x", B.Int);
        Assert.Null(pkg.Scope.Insert(x));
        Assert.Same(pkg.Scope, x.Parent);
        var x2 = Var.NewVar(B.P, pkg, "x", B.Str);
        Assert.Same(x, pkg.Scope.Insert(x2));
        int made = 0;
        Assert.True(pkg.Scope.InsertLazy("Lazy", () => { made++; return new TypeName(B.P, pkg, "Lazy", B.Int); }));
        Assert.False(pkg.Scope.InsertLazy("x", () => throw new InvalidOperationException()));
        Assert.Equal(["Lazy", "x"], pkg.Scope.Names());
        Assert.Equal(0, made);
        Assert.Equal("Lazy", pkg.Scope.Lookup("Lazy")!.Name);
        Assert.Same(pkg.Scope.Lookup("Lazy"), pkg.Scope.Lookup("Lazy"));
        Assert.Equal(1, made);
        var inner = new Scope(pkg.Scope, new SourcePos("a.go", 2, 1), new SourcePos("a.go", 9, 1), "function");
        Assert.Same(inner, pkg.Scope.Child(0));
        var y = Var.NewVar(B.P, pkg, "y", B.Int);
        y.ScopePos = new SourcePos("a.go", 5, 3);
        inner.Insert(y);
        Assert.Null(inner.LookupParent("y", new SourcePos("a.go", 4, 1)).Obj);
        Assert.Same(y, inner.LookupParent("y", new SourcePos("a.go", 5, 3)).Obj);
        Assert.Same(x, inner.LookupParent("x", new SourcePos("a.go", 3, 1)).Obj);
        var (s, len) = inner.LookupParent("len");
        Assert.Same(Universe.Scope, s);
        Assert.IsType<Builtin>(len);
        Assert.Single(pkg.Scope.LookupIgnoringCase("X", false));
        Assert.Empty(pkg.Scope.LookupIgnoringCase("X", true));
    }
}
