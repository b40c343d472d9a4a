using Tuple = GoEscape.Types.Tuple;
using Func = GoEscape.Types.Func;
using GoEscape.Types;
using static GoEscape.Tests.TypesModel.B;

namespace GoEscape.Tests.TypesModel;

/// <summary>Expected strings were produced by go/types (Go 1.27) for the equivalent declarations.</summary>
public sealed class TypeStringTests
{
    private static (Package P, Named Buffer) Bytes()
    {
        var bytes = new Package("bytes", "bytes");
        var buf = DeclNamed(bytes, "Buffer", new Struct([Field(bytes, "buf", new Slice(GoByte)), Field(bytes, "off", Int)]));
        Method(buf, "Len", true, Tuple.Empty, Results(Int));
        Method(buf, "Write", true, new Tuple(Param(bytes, "p", new Slice(GoByte))), new Tuple(Result("n", Int), Result("err", Error)));
        Method(buf, "empty", true, Tuple.Empty, Results(Bool));
        return (bytes, buf);
    }

    [Fact]
    public void BasicTypes()
    {
        Assert.Equal("int", Int.ToString());
        Assert.Equal("untyped nil", T(BasicKind.UntypedNil).ToString());
        Assert.Equal("invalid type", Universe.Invalid.ToString());
        Assert.Equal("unsafe.Pointer", T(BasicKind.UnsafePointer).ToString());
        Assert.Equal("byte", GoByte.ToString());
        Assert.Equal("rune", Universe.RuneType.ToString());
        Assert.Equal("error", Error.ToString());
        Assert.Equal("any", Universe.Any.ToString());
        Assert.Equal("interface{}", Interface.Empty.ToString());
        Assert.Equal("comparable", Universe.Comparable.ToString());
        Assert.Equal("interface{comparable}", Universe.Comparable.Underlying().ToString());
        Assert.Equal("interface{Error() string}", Universe.Error.Underlying().ToString());
    }

    [Fact]
    public void ChannelParenthesisation()
    {
        var recvOnly = new Chan(ChanDir.RecvOnly, Int);
        Assert.Equal("chan (<-chan int)", new Chan(ChanDir.SendRecv, recvOnly).ToString());
        Assert.Equal("<-chan chan int", new Chan(ChanDir.RecvOnly, new Chan(ChanDir.SendRecv, Int)).ToString());
        Assert.Equal("chan<- chan int", new Chan(ChanDir.SendOnly, new Chan(ChanDir.SendRecv, Int)).ToString());
        Assert.Equal("chan<- <-chan int", new Chan(ChanDir.SendOnly, recvOnly).ToString());
    }

    [Fact]
    public void StructWithTagsEmbeddedAndQualifiers()
    {
        var (bytes, buf) = Bytes();
        var p = new Package("p", "p");
        var sNamed = DeclNamed(p, "S", null);
        var unsafeP = new TypeName(P, p, "unsafeP", null);
        new Alias(unsafeP, new Pointer(Int));
        p.Scope.Insert(unsafeP);
        var mapT = new Slice(new Map(Str, new Chan(ChanDir.SendOnly, Int)));
        var j = new Interface([IMethod(p, "M", Params(Int), Results(Str))], [Error]);
        var st = new Struct(
        [
            Field(p, "a", Int), Field(p, "B", Str), Field(p, "Buffer", new Pointer(buf), embedded: true),
            Field(p, "c", mapT), Field(p, "d", mapT),
            Field(p, "e", new Chan(ChanDir.SendRecv, new Chan(ChanDir.RecvOnly, Int))),
            Field(p, "f", new Chan(ChanDir.RecvOnly, new Chan(ChanDir.SendRecv, Int))),
            Field(p, "g", Func(Params(Int, new Slice(Str)), Results(Int, Error), variadic: true)),
            Field(p, "h", Func(new Tuple(Param("x", Int), Param("y", new Slice(new Slice(GoByte)))), new Tuple(Result("n", Int), Result("err", Error)), variadic: true)),
            Field(p, "i", new GoEscape.Types.Array(new Pointer(sNamed), 4)),
            Field(p, "j", j),
            Field(p, "k", Universe.Any),
            Field(p, "l", Interface.Empty),
            Field(p, "m", Struct.Empty),
            Field(p, "n", Func(Tuple.Empty, Results(Func(Tuple.Empty, Results(Int))))),
            Field(p, "o", new Chan(ChanDir.SendOnly, new Chan(ChanDir.SendRecv, Int))),
            Field(p, "p", unsafeP.Type!),
            Field(p, "q", T(BasicKind.Complex128)),
            Field(p, "r", Int),
        ], ["", "json:\"b\"", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "tab\there\x01é"]);
        sNamed.SetUnderlying(st);
        const string want = "struct{a int; B string \"json:\\\"b\\\"\"; *bytes.Buffer; c []map[string]chan<- int; d []map[string]chan<- int; e chan (<-chan int); f <-chan chan int; g func(int, ...string) (int, error); h func(x int, y ...[]byte) (n int, err error); i [4]*p.S; j interface{M(int) string; error}; k any; l interface{}; m struct{}; n func() func() int; o chan<- chan int; p p.unsafeP; q complex128; r int \"tab\\there\\x01é\"}";
        Assert.Equal(want, GoTypes.TypeString(st, null));
        Assert.Equal("type p.S " + want, GoTypes.ObjectString(sNamed.Obj, null));
        Assert.Equal("S", GoTypes.TypeString(sNamed, GoTypes.RelativeTo(p)));
        Assert.Equal("type p.unsafeP = *int", GoTypes.ObjectString(unsafeP, null));
        Assert.Equal("func (*bytes.Buffer).Write(p []byte) (n int, err error)", GoTypes.ObjectString(buf.Method(1), null));
    }

    [Fact]
    public void GenericsAndAliases()
    {
        var p = new Package("p", "p");
        // type List[T any] struct { next *List[T]; val T }
        var list = DeclNamed(p, "List", null);
        var lt = TParam(p, "T", Universe.Any);
        list.SetTypeParams([lt]);
        list.SetUnderlying(new Struct([Field(p, "next", new Pointer(Instantiated(list, lt))), Field(p, "val", lt)]));
        // func (l *List[T]) Push(v T)
        var rt = TParam(p, "T", Universe.Any);
        Method(list, "Push", true, new Tuple(Param(p, "v", rt)), Tuple.Empty, false, rt);

        Assert.Equal("type p.List[T any] struct{next *p.List[T]; val T}", GoTypes.ObjectString(list.Obj, null));
        Assert.Equal("p.List[T any]", list.ToString());
        Assert.Equal("List[T any]", GoTypes.TypeString(list, GoTypes.RelativeTo(p)));
        Assert.Equal("func (*p.List[T]).Push(v T)", GoTypes.ObjectString(list.Method(0), null));

        var v1 = Instantiated(list, Int);
        Assert.Equal("p.List[int]", v1.ToString());
        Assert.Equal("struct{next *p.List[int]; val int}", v1.Underlying().ToString());
        Assert.Same(v1, ((Pointer)((Struct)v1.Underlying()).Field(0).Type!).Elem);
        Assert.Equal("func (*p.List[int]).Push(v int)", GoTypes.ObjectString(((Named)v1).Method(0), null));
        Assert.Equal("MethodSet {\n\tmethod (*p.List[int]) Push(v int)\n}\n", GoTypes.NewMethodSet(new Pointer(v1)).ToString());
        Assert.Equal("MethodSet {}", GoTypes.NewMethodSet(v1).ToString());

        // type Pair[K comparable, V any] struct{k K; v V}
        var pair = DeclNamed(p, "Pair", null);
        var k = TParam(p, "K", Universe.Comparable);
        var v = TParam(p, "V", Universe.Any);
        pair.SetTypeParams([k, v]);
        pair.SetUnderlying(new Struct([Field(p, "k", k), Field(p, "v", v)]));
        Assert.Equal("type p.Pair[K comparable, V any] struct{k K; v V}", GoTypes.ObjectString(pair.Obj, null));
        var inst = Instantiated(pair, Str, new Pointer(Int));
        Assert.Equal("p.Pair[string, *int]", inst.ToString());
        Assert.Equal("struct{k string; v *int}", inst.Underlying().ToString());

        // type Num interface { ~int | ~float64 | string }
        var num = DeclNamed(p, "Num", new Interface([], [new Union([new Term(true, Int), new Term(true, F64), new Term(false, Str)])]));
        Assert.Equal("type p.Num interface{~int | ~float64 | string}", GoTypes.ObjectString(num.Obj, null));

        // type C[T Num, U ~[]T] func(T) U
        var c = DeclNamed(p, "C", null);
        var ct = TParam(p, "T", num);
        var cuIface = new Interface([], [new Union([new Term(true, new Slice(ct))])]) { };
        cuIface.MarkImplicit();
        var cu = TParam(p, "U", cuIface);
        c.SetTypeParams([ct, cu]);
        c.SetUnderlying(Func(Params(ct), Results(cu)));
        Assert.Equal("type p.C[T p.Num, U ~[]T] func(T) U", GoTypes.ObjectString(c.Obj, null));
        Assert.Equal("C[T Num, U ~[]T]", GoTypes.TypeString(c, GoTypes.RelativeTo(p)));
        var v5 = Instantiated(c, Int, new Slice(Int));
        Assert.Equal("p.C[int, []int]", v5.ToString());
        Assert.Equal("func(int) []int", v5.Underlying().ToString());

        // type I interface { comparable; M() }
        var i = DeclNamed(p, "I", new Interface([IMethod(p, "M", Tuple.Empty, Tuple.Empty)], [Universe.Comparable]));
        Assert.Equal("type p.I interface{M(); comparable}", GoTypes.ObjectString(i.Obj, null));

        // type A[T any] = []T ; var v3 A[string]
        var aObj = new TypeName(P, p, "A", null);
        var at = TParam(p, "T", Universe.Any);
        var alias = new Alias(aObj, new Slice(at));
        alias.SetTypeParams([at]);
        p.Scope.Insert(aObj);
        Assert.Equal("type p.A[T any] = []T", GoTypes.ObjectString(aObj, null));
        Assert.Equal("p.A[T any]", alias.ToString());
        var v3 = Instantiated(alias, Str);
        Assert.Equal("p.A[string]", v3.ToString());
        Assert.Equal("[]string", v3.Underlying().ToString());

        // type E = error
        var eObj = new TypeName(P, p, "E", null);
        new Alias(eObj, Universe.Error);
        p.Scope.Insert(eObj);
        Assert.Equal("type p.E = error", GoTypes.ObjectString(eObj, null));

        // func Fn[T any, U comparable](t T, u ...U) (r T)
        var ft = TParam(p, "T", Universe.Any);
        var fu = TParam(p, "U", Universe.Comparable);
        var fsig = new Signature(null, null, [ft, fu], new Tuple(Param(p, "t", ft), Param(p, "u", new Slice(fu))), new Tuple(Var.NewResult(P, p, "r", ft)), true);
        var fn = new Func(P, p, "Fn", fsig);
        p.Scope.Insert(fn);
        Assert.Equal("func p.Fn[T any, U comparable](t T, u ...U) (r T)", GoTypes.ObjectString(fn, null));
        Assert.Equal("func[T any, U comparable](t T, u ...U) (r T)", fsig.ToString());

        // type G[P interface{ ~[]E }, E any] struct{}
        var g = DeclNamed(p, "G", Struct.Empty);
        var ge = TParam(p, "E", Universe.Any);
        var gp = TParam(p, "P", new Interface([], [new Union([new Term(true, new Slice(ge))])]));
        g.SetTypeParams([gp, ge]);
        Assert.Equal("type p.G[P interface{~[]E}, E any] struct{}", GoTypes.ObjectString(g.Obj, null));
    }

    [Fact]
    public void ObjectStrings()
    {
        var p = new Package("p", "p");
        var v4 = Var.NewVar(P, p, "v4", Func(new Tuple(Param("a", Int), Param("b", Int), Param("c", Str)), Tuple.Empty));
        p.Scope.Insert(v4);
        Assert.Equal("var p.v4 func(a int, b int, c string)", GoTypes.ObjectString(v4, null));
        var k = new Const(P, p, "K", T(BasicKind.UntypedInt), GoEscape.Types.Constant.Const.MakeInt64(1024));
        p.Scope.Insert(k);
        Assert.Equal("const p.K untyped int", GoTypes.ObjectString(k, null));
        Assert.Equal("const K untyped int", GoTypes.ObjectString(k, GoTypes.RelativeTo(p)));
        var local = Var.NewVar(P, p, "x", Int);
        Assert.Equal("var x int", GoTypes.ObjectString(local, null));
        var fld = Var.NewField(P, p, "f", Int, false);
        Assert.Equal("field f int", GoTypes.ObjectString(fld, null));
        Assert.Equal("type any = interface{}", GoTypes.ObjectString(Universe.AnyObj, null));
        Assert.Equal("type error interface{Error() string}", GoTypes.ObjectString(Universe.Error.Obj, null));
        Assert.Equal("type int", GoTypes.ObjectString(Universe.Lookup("int")!, null));
        Assert.Equal("type byte = uint8", "type byte = " + ((Basic)((TypeName)Universe.Lookup("byte")!).Type!).Kind.ToString().ToLowerInvariant());
        Assert.Equal("type comparable interface{comparable}", GoTypes.ObjectString(Universe.Comparable.Obj, null));
        Assert.Equal("builtin len", GoTypes.ObjectString(Universe.Lookup("len")!, null));
        Assert.Equal("builtin unsafe.Sizeof", GoTypes.ObjectString(Universe.Unsafe.Scope.Lookup("Sizeof")!, null));
        Assert.Equal("type unsafe.Pointer", GoTypes.ObjectString(Universe.Unsafe.Scope.Lookup("Pointer")!, null));
        Assert.Equal("nil", GoTypes.ObjectString(Universe.Lookup("nil")!, null));
        Assert.Equal("const true untyped bool", GoTypes.ObjectString(Universe.Lookup("true")!, null));
        var fmtPkg = new Package("fmt", "fmt");
        Assert.Equal("package fmt", GoTypes.ObjectString(new PkgName(P, p, "fmt", fmtPkg), null));
        var rand = new Package("math/rand/v2", "rand");
        Assert.Equal("package rand (\"math/rand/v2\")", GoTypes.ObjectString(new PkgName(P, p, "rand", rand), null));
        Assert.Equal("func (error).Error() string", GoTypes.ObjectString(Universe.ErrorMethod, null));
        Assert.Equal("label L", GoTypes.ObjectString(new Label(P, p, "L"), null));
    }

    [Fact]
    public void TypeParamNamedLikePredeclared()
    {
        var p = new Package("p", "p");
        var tp = TParam(p, "int", Universe.Any);
        Assert.Equal("int/* type parameter */", tp.ToString());
    }

    [Fact]
    public void ImplicitInterfaceAndUnions()
    {
        var ifc = new Interface([], [new Union([new Term(true, Int), new Term(false, Str)])]);
        Assert.Equal("interface{~int | string}", ifc.ToString());
        ifc.MarkImplicit();
        Assert.Equal("~int | string", ifc.ToString());
        var two = new Interface([], [Int, Str]);
        two.MarkImplicit();
        Assert.Equal("/* implicit */ interface{int; string}", two.ToString());
    }

    [Fact]
    public void StrconvQuote()
    {
        Assert.Equal("\"a\\\"b\\\\c\"", GoQuote.Quote("a\"b\\c"));
        Assert.Equal("\"\\a\\b\\f\\n\\r\\t\\v\\x00\\x7f\"", GoQuote.Quote("\a\b\f\n\r\t\v\0\x7f"));
        Assert.Equal("\"é世界😀\"", GoQuote.Quote("é世界😀"));
        Assert.Equal("\"\\u00a0\\u200b\"", GoQuote.Quote("\u00a0\u200b"));
    }
}
