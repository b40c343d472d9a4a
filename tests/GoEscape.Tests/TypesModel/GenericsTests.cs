using Tuple = GoEscape.Types.Tuple;
using Func = GoEscape.Types.Func;
using GoEscape.Types;
using static GoEscape.Tests.TypesModel.B;

namespace GoEscape.Tests.TypesModel;

public sealed class GenericsTests
{
    private static readonly Package Q = new("q", "q");
    private static Qualifier Rel => GoTypes.RelativeTo(Q)!;

    private static Named NumIface()
    {
        var num = new Named(new TypeName(P, Q, "Num", null), new Interface([], [new Union([new Term(true, Int), new Term(true, F64)])]));
        return num;
    }

    [Fact]
    public void InstantiationIsCachedPerContext()
    {
        var box = new Named(new TypeName(P, Q, "Box", null), null);
        var t = TParam(Q, "T", Universe.Any);
        box.SetTypeParams([t]);
        box.SetUnderlying(new Struct([Field(Q, "v", t)]));
        var ctxt = new Context();
        var a = GoTypes.Instantiate(ctxt, box, [Int], true);
        var b = GoTypes.Instantiate(ctxt, box, [Int], true);
        var c = GoTypes.Instantiate(ctxt, box, [Str], true);
        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.True(GoTypes.Identical(a, GoTypes.Instantiate(null, box, [Int], false)));
        Assert.Same(box, ((Named)a).Origin);
        Assert.Equal("q.Box[int]", a.ToString());
        Assert.Equal("struct{v int}", a.Underlying().ToString());
        Assert.Same(((Struct)box.Underlying()).Field(0), ((Struct)a.Underlying()).Field(0).Origin);
    }

    [Fact]
    public void ContextKeepsSpellingDistinctInstances()
    {
        // func Clone[S ~[]E, E any](s S) S: go/types' context hash distinguishes []byte from []uint8
        var e = TParam(Q, "E", Universe.Any);
        var sIface = new Interface([], [new Union([new Term(true, new Slice(e))])]);
        sIface.MarkImplicit();
        var s = TParam(Q, "S", sIface);
        var clone = new Signature(null, null, [s, e], new Tuple(Param("s", s)), Results(s), false);
        var ctxt = new Context();
        var a = GoTypes.Instantiate(ctxt, clone, [new Slice(GoByte), GoByte], false);
        var b = GoTypes.Instantiate(ctxt, clone, [new Slice(T(BasicKind.Uint8)), T(BasicKind.Uint8)], false);
        var c = GoTypes.Instantiate(ctxt, clone, [new Slice(GoByte), GoByte], false);
        Assert.Equal("func(s []byte) []byte", a.ToString());
        Assert.Equal("func(s []uint8) []uint8", b.ToString());
        Assert.Same(a, c);
        Assert.True(GoTypes.Identical(a, b));
    }

    [Fact]
    public void InstanceCreatedBeforeOriginIsComplete()
    {
        var box = new Named(new TypeName(P, Q, "Box", null), null);
        var t = TParam(Q, "T", Universe.Any);
        box.SetTypeParams([t]);
        var early = (Named)GoTypes.Instantiate(null, box, [Int], false);
        Assert.Same(Universe.Invalid, early.Underlying()); // origin RHS unknown: not cached
        box.SetUnderlying(new Map(Str, t));
        Assert.Equal("map[string]int", early.Underlying().ToString());
    }

    [Fact]
    public void LazyLoaderRunsOnce()
    {
        int calls = 0;
        var obj = GoTypes.NewTypeNameLazy(P, Q, "Lazy", n =>
        {
            calls++;
            return new NamedLoadResult(null, new Slice(Int), null);
        });
        var named = (Named)obj.Type!;
        Assert.Equal(0, calls);
        var seen = new string[4];
        var threads = Enumerable.Range(0, 4).Select(i => new Thread(() => seen[i] = named.Underlying().ToString())).ToList();
        threads.ForEach(th => th.Start());
        threads.ForEach(th => th.Join());
        Assert.All(seen, s => Assert.Equal("[]int", s));
        Assert.Equal(1, calls);
        Assert.Equal("type Lazy []int", obj.ToString()); // not in the package scope: unqualified
    }

    [Fact]
    public void InstantiateValidates()
    {
        var sum = new Func(P, Q, "Sum", null);
        var t = TParam(Q, "T", NumIface());
        sum.Type = new Signature(null, null, [t], new Tuple(Param("xs", new Slice(t))), Results(t), true);
        var ex = Assert.Throws<InstantiationException>(() => GoTypes.Instantiate(null, sum.Type, [Str], true));
        Assert.Equal(0, ex.Index);
        Assert.Equal("string does not satisfy q.Num (string missing in ~int | ~float64)", ex.Message);
        var inst = (Signature)GoTypes.Instantiate(null, sum.Type, [F64], true);
        Assert.Equal("func(xs ...float64) float64", inst.ToString());
        Assert.Equal(0, inst.TypeParams.Len);
        var (i, cause) = GoTypes.Verify([t], [Str], null, Rel);
        Assert.Equal(0, i);
        Assert.Equal("string does not satisfy Num (string missing in ~int | ~float64)", cause);
        Assert.Throws<InstantiationException>(() => GoTypes.Instantiate(null, sum.Type, [Int, Int], true));
    }

    [Fact]
    public void SubstitutionAndGenericMethods()
    {
        // type List[T any] struct{ next *List[T]; val T }; func (l *List[T]) Push(v T) *List[T]
        var list = new Named(new TypeName(P, Q, "List", null), null);
        var t = TParam(Q, "T", Universe.Any);
        list.SetTypeParams([t]);
        list.SetUnderlying(new Struct([Field(Q, "next", new Pointer(B.Instantiated(list, t))), Field(Q, "val", t)]));
        var rt = TParam(Q, "T", Universe.Any);
        var self = B.Instantiated(list, rt);
        var recv = new Var(VarKind.RecvVar, P, Q, "l", new Pointer(self));
        var push = new Func(P, Q, "Push", new Signature(recv, [rt], null, new Tuple(Param("v", rt)), Results(new Pointer(self)), false));
        list.AddMethod(push);

        var li = (Named)B.Instantiated(list, Str);
        var m = li.Method(0);
        Assert.Equal("func (*q.List[string]).Push(v string) *q.List[string]", m.ToString());
        Assert.Same(push, m.Origin);
        Assert.True(m.HasPtrRecv);
        var (obj, index, indirect) = GoTypes.LookupFieldOrMethod(new Pointer(li), false, Q, "Push");
        Assert.Same(m, obj);
        Assert.Equal([0], index!);
        Assert.True(indirect); // the *T operand itself counts as an indirection
        // recursive instance resolves to itself
        var next = (Pointer)((Struct)li.Underlying()).Field(0).Type!;
        Assert.Same(li, next.Elem);

        // Subst on a generic signature renames its own type parameters
        var u = TParam(Q, "U", Universe.Any);
        var gen = new Signature(null, null, [u], Params(u, t), Tuple.Empty, false);
        var s = (Signature)GoTypes.Subst(gen, [t], [Int]);
        Assert.Equal("func[U any](U, int)", s.ToString());
        Assert.NotSame(u, s.TypeParams.At(0));
    }

    [Fact]
    public void InterfaceInstanceMethodsGetInstanceReceiver()
    {
        // type Getter[T any] interface{ Get() T }
        var getter = new Named(new TypeName(P, Q, "Getter", null), null);
        var t = TParam(Q, "T", Universe.Any);
        getter.SetTypeParams([t]);
        // as the checker does, the receiver of declared interface methods is the defined type
        var get0 = new Func(P, Q, "Get", new Signature(new Var(VarKind.RecvVar, P, Q, "", getter), Tuple.Empty, Results(t)));
        getter.SetUnderlying(new Interface([get0], []));
        var gi = B.Instantiated(getter, Int);
        Assert.Equal("interface{Get() int}", gi.Underlying().ToString());
        var get = ((Interface)gi.Underlying()).ExplicitMethod(0);
        Assert.Same(gi, get.Signature!.Recv!.Type);
        Assert.Equal("func (q.Getter[int]).Get() int", get.ToString());
    }

    private static InferArg Arg(GoType t, string expr) => new(t, false, expr);

    [Fact]
    public void InferFromTypedAndUntypedArguments()
    {
        // func Two[T any](a, b T) T
        var t = TParam(Q, "T", Universe.Any);
        var ps = new Tuple(Param("a", t), Param("b", t));
        var r = GoTypes.Infer([t], [], ps, [Arg(T(BasicKind.UntypedInt), "1"), Arg(T(BasicKind.UntypedFloat), "2.5")], qf: Rel);
        Assert.True(r.Ok, r.Error);
        Assert.Same(F64, r.Inferred![0]);

        r = GoTypes.Infer([t], [], ps, [Arg(T(BasicKind.UntypedInt), "1"), Arg(T(BasicKind.UntypedString), "\"a\"")], qf: Rel);
        Assert.False(r.Ok);
        Assert.Equal("mismatched types untyped int and untyped string (cannot infer T)", r.Error);
        Assert.Equal(1, r.ErrorArg);

        r = GoTypes.Infer([t], [], ps, [Arg(new Slice(Int), "[]int{}"), Arg(new Slice(Str), "[]string{}")], qf: Rel);
        Assert.Equal("type []string of []string{} does not match inferred type []int for T", r.Error);

        r = GoTypes.Infer([t], [], ps, [Arg(Int, "x"), Arg(T(BasicKind.UntypedInt), "1")], qf: Rel);
        Assert.Same(Int, r.Inferred![0]);

        r = GoTypes.Infer([t], [], ps, [new InferArg(T(BasicKind.UntypedNil), true, "nil"), new InferArg(T(BasicKind.UntypedNil), true, "nil")], qf: Rel);
        Assert.False(r.Ok);
        Assert.Equal("cannot infer T (declared at -)", r.Error);

        // explicit type argument wins
        r = GoTypes.Infer([t], [Str], ps, [Arg(Str, "s"), Arg(Str, "t")]);
        Assert.Same(Str, r.Inferred![0]);
    }

    [Fact]
    public void InferWithCoreTypesAndNamedSlices()
    {
        // func Map[S ~[]E, E any](s S, f func(E) E) S ; Map(MySlice{}, func(int) int {...})
        var e = TParam(Q, "E", Universe.Any);
        var sIface = new Interface([], [new Union([new Term(true, new Slice(e))])]);
        sIface.MarkImplicit();
        var s = TParam(Q, "S", sIface);
        var mySlice = new Named(new TypeName(P, Q, "MySlice", null), new Slice(Int));
        var ps = new Tuple(Param("s", s), Param("f", Func(Params(e), Results(e))));
        var r = GoTypes.Infer([s, e], [], ps, [Arg(mySlice, "MySlice{}"), Arg(Func(Params(Int), Results(Int)), "func(int) int {…}")], qf: Rel);
        Assert.True(r.Ok, r.Error);
        Assert.Same(mySlice, r.Inferred![0]);
        Assert.Same(Int, r.Inferred[1]);

        // only the slice argument: E comes from the core type of S's constraint
        var ps1 = new Tuple(Param("s", s));
        r = GoTypes.Infer([s, e], [], ps1, [Arg(mySlice, "m")]);
        Assert.True(r.Ok, r.Error);
        Assert.Same(Int, r.Inferred![1]);

        // func Sum[T Num](xs ...T) T with []string
        var t = TParam(Q, "T", NumIface());
        var ps2 = new Tuple(Param("xs", new Slice(t)));
        r = GoTypes.Infer([t], [], ps2, [Arg(new Slice(Str), "[]string{}")], qf: Rel);
        Assert.True(r.Ok); // inference succeeds; constraint satisfaction is checked at instantiation
        Assert.Same(Str, r.Inferred![0]);

        // func Ptr[P interface{ *E }, E any](e E) P  -> P = *int from core type
        var e2 = TParam(Q, "E", Universe.Any);
        var pIface = new Interface([], [new Pointer(e2)]);
        pIface.MarkImplicit();
        var p = TParam(Q, "P", pIface);
        r = GoTypes.Infer([p, e2], [], new Tuple(Param("e", e2)), [Arg(Int, "x")]);
        Assert.True(r.Ok, r.Error);
        Assert.Equal("*int", r.Inferred![0].ToString());
    }

    [Fact]
    public void UnifierModes()
    {
        var t = TParam(Q, "T", Universe.Any);
        var mySlice = new Named(new TypeName(P, Q, "MySlice", null), new Slice(Int));
        var u = new Unifier([t], [], true);
        Assert.True(u.Unify(new Slice(t), mySlice, UnifyMode.Assign)); // inexact at top: named vs literal
        Assert.Same(Int, u.At(t));
        var u2 = new Unifier([t], [], true);
        Assert.False(u2.Unify(new Slice(t), mySlice, UnifyMode.Exact));
        var u3 = new Unifier([t], [], true);
        Assert.True(u3.Unify(t, new Chan(ChanDir.SendRecv, Int), UnifyMode.Inexact));
        Assert.True(u3.Unify(t, new Chan(ChanDir.RecvOnly, Int), UnifyMode.Inexact));
        Assert.Equal("<-chan int", u3.At(t)!.ToString()); // directional channel wins in inexact mode
    }
}
